package hk.carerelay.discharge;

/** A result pending at discharge was recorded against the handover; the family doctor has a task to review it. */
public record LateResultRecorded(String handoverId, String familyDoctor, String recordedBy) {
}
