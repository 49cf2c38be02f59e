package hk.carerelay.discharge;

/** Where a handover stands: sent to the family doctor, acknowledged by them, or closed with all its work done. */
public enum DischargeStatus {
    SENT,
    ACKNOWLEDGED,
    CLOSED
}
