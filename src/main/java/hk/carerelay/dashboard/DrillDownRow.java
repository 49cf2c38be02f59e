package hk.carerelay.dashboard;

import java.time.Instant;

import hk.carerelay.referral.ReferralStatus;
import hk.carerelay.referral.Urgency;

/** One referral behind a figure: administrative fields and workflow state only, never the patient or clinical text. */
public record DrillDownRow(String referralId, ReferralStatus status, String specialty, Urgency urgency,
        String sendingInstitution, Instant receivedAt, Instant triagedAt, Instant scheduledAt, Instant reportSentAt,
        Instant closedAt, Instant triageBreachedAt, String declineReason) {
}
