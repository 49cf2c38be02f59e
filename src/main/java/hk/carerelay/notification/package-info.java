/**
 * In-app notifications to users and to teams (engine groups), raised by other features' events. Messages carry
 * an i18n key and the referral's id, never clinical content.
 */
package hk.carerelay.notification;
