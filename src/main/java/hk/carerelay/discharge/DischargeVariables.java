package hk.carerelay.discharge;

/** Names shared by the discharge-handover model and its code: process key, variables, tasks and messages. */
final class DischargeVariables {

    static final String PROCESS_KEY = "discharge-handover";
    static final String HANDOVER_ID = "handoverId";
    static final String HOSPITAL = "hospital";
    static final String CLINIC = "clinic";
    static final String FAMILY_DOCTOR = "familyDoctor";
    static final String FOLLOW_UP_IDS = "followUpIds";
    static final String FOLLOW_UP_ID = "followUpId";
    static final String FOLLOW_UP_DUE = "followUpDue";
    static final String FOLLOW_UP_REMINDER = "followUpReminder";
    static final String PENDING_RESULT_IDS = "pendingResultIds";
    static final String PENDING_RESULT_ID = "pendingResultId";
    static final String MESSAGE_RESULT_RECORDED = "DischargeResultRecorded";

    static final String TASK_ACKNOWLEDGE = "Task_AcknowledgeHandover";
    static final String TASK_FOLLOW_UP = "Task_CompleteFollowUp";
    static final String TASK_REVIEW_RESULT = "Task_ReviewLateResult";
    static final String TASK_REMIND_BEFORE_DUE = "Task_RemindBeforeDue";

    /** Days before a follow-up's due date that its reminder comes. */
    static final int REMINDER_DAYS = 3;

    private DischargeVariables() {
    }
}
