package hk.carerelay.consultation;

/** A doctor asked another department for an opinion; published in the transaction that recorded the request. */
public record ConsultationRequested(String consultationId, String institution, String requestingDepartment,
        String consultedDepartment, String urgency) {
}
