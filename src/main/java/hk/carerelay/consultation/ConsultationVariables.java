package hk.carerelay.consultation;

/** Names of the consultation process's variables (ids and routing only) and of its elements. */
final class ConsultationVariables {

    static final String PROCESS_KEY = "consultation";

    static final String INSTITUTION = "institution";
    static final String REQUESTER = "requester";
    static final String REQUESTING_DEPARTMENT = "requestingDepartment";
    static final String CONSULTED_DEPARTMENT = "consultedDepartment";
    static final String URGENCY = "urgency";

    static final String MESSAGE_CANCELLED = "ConsultationCancelled";

    static final String TASK_ANSWER = "Task_AnswerConsultation";
    static final String TASK_ACKNOWLEDGE = "Task_AcknowledgeOpinion";

    private ConsultationVariables() {
    }
}
