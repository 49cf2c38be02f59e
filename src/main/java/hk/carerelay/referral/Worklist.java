package hk.carerelay.referral;

import java.util.Arrays;
import java.util.Optional;

/**
 * The coordinator's worklists, each defined by the referral's status in {@code referral.bpmn} (the receiving
 * institution's side of the loop), the coordinators' task that works it, if any, and the date it is due by.
 */
public enum Worklist {
    /**
     * RECEIVED: waiting in triage ({@code Task_TriageReferral}), due at the triage SLA. A received referral still
     * waiting for the patient's consent (no triage clock yet) is in {@link #AWAITING_CONSENT} instead.
     */
    FOR_REVIEW("for-review", ReferralStatus.RECEIVED, ReferralVariables.TASK_TRIAGE, Due.TRIAGE),
    /** INFO_REQUESTED: triage asked the sender for more; the referring doctor's turn. */
    INFO_REQUESTED("info-requested", ReferralStatus.INFO_REQUESTED, null, Due.NONE),
    /** ACCEPTED: triage accepted, no appointment yet ({@code Task_ScheduleAppointment}). */
    AWAITING_BOOKING("awaiting-booking", ReferralStatus.ACCEPTED, ReferralVariables.TASK_SCHEDULE, Due.NONE),
    /** SCHEDULED: booked, the specialist's consultation not yet done; due at the appointment. */
    SCHEDULED("scheduled", ReferralStatus.SCHEDULED, null, Due.APPOINTMENT),
    /** REPORT_SENT: consultation done and the outcome sent, the referring doctor has not acknowledged it. */
    AWAITING_OUTCOME("awaiting-outcome", ReferralStatus.REPORT_SENT, null, Due.NONE),
    /** RECEIVED and past the triage due date (the SLA has been breached and triage is still open). */
    OVERDUE("overdue", ReferralStatus.RECEIVED, ReferralVariables.TASK_TRIAGE, Due.TRIAGE),
    /** CANCELLATION_REQUESTED: the sender asked to cancel ({@code Task_ConfirmCancellation}). */
    CANCELLATION_REQUESTED("cancellation-requested", ReferralStatus.CANCELLATION_REQUESTED,
            ReferralVariables.TASK_CONFIRM_CANCELLATION, Due.NONE),
    /**
     * RECEIVED and still waiting for the patient's consent to share it (no triage clock yet): the sender's turn. The
     * receiving side sees the administrative part only and can see what is coming; triage opens once consent is
     * recorded.
     */
    AWAITING_CONSENT("awaiting-consent", ReferralStatus.RECEIVED, null, Due.NONE);

    /** Which of the referral's dates a list is due by; lists without one are in order of arrival. */
    enum Due {
        TRIAGE("r.triage_due"),
        APPOINTMENT("r.appointment_at"),
        NONE(null);

        final String column;

        Due(String column) {
            this.column = column;
        }
    }

    private final String path;
    private final ReferralStatus status;
    private final String taskKey;
    private final Due due;

    Worklist(String path, ReferralStatus status, String taskKey, Due due) {
        this.path = path;
        this.status = status;
        this.taskKey = taskKey;
        this.due = due;
    }

    /** The list's name in URLs and saved filters, e.g. {@code for-review}. */
    public String path() {
        return path;
    }

    public ReferralStatus status() {
        return status;
    }

    /** The coordinators' task a row of this list can be claimed by, or null where the next step is someone else's. */
    public String taskKey() {
        return taskKey;
    }

    Due due() {
        return due;
    }

    public static Optional<Worklist> byPath(String path) {
        return Arrays.stream(values()).filter(w -> w.path.equals(path)).findFirst();
    }
}
