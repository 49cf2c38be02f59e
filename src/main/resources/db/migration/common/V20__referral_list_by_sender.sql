-- Referral list: a user's referrals are those their institution received or sent. The received part is read in date
-- order through ix_referral_dashboard_received (V16); this index serves the sent part the same way, so the first page
-- never sorts every referral of the institution. Runs unchanged on H2 and PostgreSQL.
CREATE INDEX ix_referral_sent ON referral (sending_institution, created_at);
