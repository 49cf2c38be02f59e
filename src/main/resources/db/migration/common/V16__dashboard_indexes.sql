-- Manager dashboard: each figure is an aggregate over one institution's received referrals in a period, by the time
-- a stage ended; these indexes let the database find them by range without reading the whole table.
-- Written to run unchanged on H2 (PostgreSQL mode) and PostgreSQL 15.
CREATE INDEX ix_referral_dashboard_received ON referral (receiving_institution, created_at);
CREATE INDEX ix_referral_dashboard_triaged ON referral (receiving_institution, triaged_at);
CREATE INDEX ix_referral_dashboard_scheduled ON referral (receiving_institution, scheduled_at);
CREATE INDEX ix_referral_dashboard_reported ON referral (receiving_institution, report_sent_at);
CREATE INDEX ix_referral_dashboard_closed ON referral (receiving_institution, closed_at);
-- Workload: the task forms submitted in a period.
CREATE INDEX ix_task_submission_time ON task_submission (submitted_at);
