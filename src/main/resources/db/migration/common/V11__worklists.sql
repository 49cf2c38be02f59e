-- Worklists, stage times and saved filters. Written to run unchanged on H2 (PostgreSQL mode) and PostgreSQL 15.

-- When a referral passed each stage (first time), for turnaround figures without reading engine history row by row.
ALTER TABLE referral ADD COLUMN triaged_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE referral ADD COLUMN scheduled_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE referral ADD COLUMN report_sent_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE referral ADD COLUMN closed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE referral ADD COLUMN triage_breached_at TIMESTAMP WITH TIME ZONE;

-- The coordinator worklists: one institution's referrals of one status, soonest due first.
CREATE INDEX ix_referral_worklist_triage ON referral (receiving_institution, status, triage_due, created_at);
CREATE INDEX ix_referral_worklist_appointment ON referral (receiving_institution, status, appointment_at, created_at);
-- Joins from a referral to its process's tasks, and back.
CREATE INDEX ix_referral_process_instance ON referral (process_instance_id);

-- A user's saved worklist filters; only the owner reads or deletes them.
CREATE TABLE worklist_filter (
    id         VARCHAR(36)  PRIMARY KEY,
    owner      VARCHAR(64)  NOT NULL REFERENCES app_user (username),
    name       VARCHAR(100) NOT NULL,
    list_name  VARCHAR(40)  NOT NULL,
    scope      VARCHAR(20)  NOT NULL,
    specialty  VARCHAR(40)  REFERENCES specialty (code),
    urgency    VARCHAR(16),
    text_query VARCHAR(100),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_worklist_filter_name UNIQUE (owner, name)
);
