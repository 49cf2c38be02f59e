/**
 * The audit log: who did or saw what, when, from where, with what outcome. Entries are written in the caller's
 * transaction so that an action is never without its record. Reads only its own table.
 */
package hk.carerelay.audit;
