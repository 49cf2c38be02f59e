package hk.carerelay.referral;

/** Where a referral stands in the closed loop; follows referral.bpmn. */
public enum ReferralStatus {
    RECEIVED,
    INFO_REQUESTED,
    ACCEPTED,
    SCHEDULED,
    REPORT_SENT,
    COMPLETED,
    DECLINED,
    CANCELLATION_REQUESTED,
    CANCELLED;

    public boolean isTerminal() {
        return this == COMPLETED || this == DECLINED || this == CANCELLED;
    }
}
