/**
 * Secure messages between the participants of a case (a referral today): the thread, stored encrypted through the
 * document store, read receipts and unread counts, attachments that point at the case's documents. Who may read or
 * write is the access policy's MESSAGES section over the case's own scope; this package keeps no rules of its own
 * about roles, and tells other features of a new message only through {@link hk.carerelay.message.MessagePosted}.
 */
package hk.carerelay.message;
