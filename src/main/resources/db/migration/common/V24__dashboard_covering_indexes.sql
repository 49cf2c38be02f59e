-- The dashboard's figures over a period (V16) read only index entries: each (institution, stage time) index also
-- holds the other columns its statements read (the stage's start, the status for outcomes, and the specialty and
-- urgency the filters test), so neither H2 nor PostgreSQL (index-only scan) reads the referral rows themselves. Same
-- names and leading columns as V16, so the same statements use them; no index is added. H2 read each row of the period
-- from the table before: 1 to 3 s for a year at 100,000 referrals (docs/performance.md).
-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL 15.
DROP INDEX ix_referral_dashboard_received;
CREATE INDEX ix_referral_dashboard_received ON referral (receiving_institution, created_at, status, triaged_at,
    report_sent_at, triage_breached_at, specialty, urgency, sending_institution);
DROP INDEX ix_referral_dashboard_triaged;
CREATE INDEX ix_referral_dashboard_triaged ON referral (receiving_institution, triaged_at, created_at, specialty,
    urgency);
DROP INDEX ix_referral_dashboard_scheduled;
CREATE INDEX ix_referral_dashboard_scheduled ON referral (receiving_institution, scheduled_at, triaged_at, specialty,
    urgency);
DROP INDEX ix_referral_dashboard_reported;
CREATE INDEX ix_referral_dashboard_reported ON referral (receiving_institution, report_sent_at, scheduled_at, specialty,
    urgency);
DROP INDEX ix_referral_dashboard_closed;
CREATE INDEX ix_referral_dashboard_closed ON referral (receiving_institution, closed_at, status, created_at, specialty,
    urgency);
