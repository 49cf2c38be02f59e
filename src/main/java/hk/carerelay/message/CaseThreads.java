package hk.carerelay.message;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import hk.carerelay.access.Access;
import hk.carerelay.document.ClinicalDocuments;
import hk.carerelay.identity.CareRelayUser;

/**
 * How the messages reach one kind of case (ADR 0014): the case's own scope and policy decide who stands where in its
 * thread, whom a new message concerns and what a message may point at. One implementation per {@link CaseType}.
 */
interface CaseThreads {

    CaseType type();

    /** The user's place in the case's thread; empty outside the case's scope (404). */
    Optional<Participation> participation(CareRelayUser user, String caseId);

    /** {@link #participation} for many cases at once, for unread counts; cases outside scope are left out. */
    Map<String, Participation> participations(CareRelayUser user, Collection<String> caseIds);

    /**
     * A join from {@code message m} to the case's table that keeps only the threads the user might take part in
     * (parameters {@code :institution}, {@code :me}, {@code :department}): it narrows the unread search in SQL before
     * {@link #participations} decides.
     */
    String candidateJoin();

    /** The documents a message of this thread may point at, by id, as far as the user may open them. */
    Map<String, ClinicalDocuments.Document> openable(CareRelayUser user, Participation participation);

    /** Why a message of this thread may point at no document at all, if it may not (a 400 naming documentId). */
    Optional<String> noAttachments(Participation participation);

    /**
     * A user's place in a case's thread: {@code access} what they may do in it (WRITE only for participants),
     * {@code participant} false for a reader under emergency access (no receipts, no unread counts), the patient and
     * the referral (the case itself, or the one it names) for the audit log, the specialty or department for the
     * notification, whom a message of this user concerns (the thread's earlier authors aside), and whether messages
     * of this thread may point at documents at all.
     */
    record Participation(CaseType type, String caseId, String patientId, String referralId, Access access,
            boolean participant, String specialty, List<String> recipients, boolean attachments) {

        boolean mayWrite() {
            return participant && access.allowsWrite();
        }
    }
}
