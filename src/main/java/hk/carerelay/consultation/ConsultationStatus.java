package hk.carerelay.consultation;

/** Where a consultation stands: asked, answered (waiting for the requester), completed, or cancelled by the requester. */
public enum ConsultationStatus {
    REQUESTED,
    ANSWERED,
    COMPLETED,
    CANCELLED
}
