/**
 * Secure messages between the participants of a case (a referral, a consultation, a discharge handover): the thread,
 * stored encrypted through the document store, read receipts and unread counts, attachments that point at documents
 * the case lets its readers open. Who may read or write is the case's own scope and access policy, reached through
 * each feature's public service ({@code CaseThreads}); this package keeps no rules of its own
 * about roles, and tells other features of a new message only through {@link hk.carerelay.message.MessagePosted}.
 */
package hk.carerelay.message;
