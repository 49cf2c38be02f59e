package hk.carerelay.consultation;

/** The consulted department wrote its opinion; published in the transaction that recorded it. */
public record ConsultationAnswered(String consultationId, String requester, String consultedDepartment) {
}
