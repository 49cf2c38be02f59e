-- Manager dashboard, second part (ADR 0016, amended): declines by coded reason, SLA breaches of every clocked step.
-- Written to run unchanged on H2 (PostgreSQL mode) and PostgreSQL 15.

-- The coded reason a triage decision of DECLINE gives (NOT_APPROPRIATE_SPECIALTY, INSUFFICIENT_INFORMATION, ...,
-- modelled on the NHS e-RS rejection reasons), kept beside the free-text reason of the task form so that declines
-- can be counted by reason without reading clinical text. Null for referrals declined before it existed.
ALTER TABLE referral ADD COLUMN decline_reason_code VARCHAR(40);

-- SLA breaches by step: the clocks of one process whose task started in a period.
CREATE INDEX ix_sla_clock_started ON sla_clock (process_key, started_at);
