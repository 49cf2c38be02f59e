/**
 * Demo data for the {@code demo} profile only: two institutions, one user per role and synthetic patients with
 * referrals in every state, created through the same services a user would use. Never active in production.
 */
package hk.carerelay.demo;
