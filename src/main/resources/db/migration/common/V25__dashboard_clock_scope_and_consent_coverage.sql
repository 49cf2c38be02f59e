-- Manager dashboard, SLA breaches by step (ADR 0016, amended): each clock carries the receiving institution and the
-- specialty of its case, where its process has them (a referral's, which never change once it is sent), so that the
-- breaches of a year are counted from one index range of the clocks, without reading each clock's referral.
-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL 15.
ALTER TABLE sla_clock ADD COLUMN case_institution VARCHAR(16);
ALTER TABLE sla_clock ADD COLUMN case_specialty VARCHAR(40);

UPDATE sla_clock SET
    case_institution = (SELECT r.receiving_institution FROM referral r WHERE r.id = sla_clock.case_id),
    case_specialty = (SELECT r.specialty FROM referral r WHERE r.id = sla_clock.case_id)
WHERE process_key = 'referral';

-- Covers the dashboard's statement: the clocks of one process and receiving institution started in a period, with
-- the step, the breach and the two filters read from the index itself.
CREATE INDEX ix_sla_clock_case_started ON sla_clock (process_key, case_institution, started_at, task_key, breached_at,
    case_specialty, urgency);

-- Manager dashboard, consent figures (ADR 0016 and 0019, amended): per referral, what the consent decisions covering
-- it make of it, kept in the transaction of every change it depends on (a referral sent or closed, a decision
-- recorded, a grant withdrawn or expired; see ConsentCoverage). The decisions covering a referral are its own
-- (scope REFERRAL) and the standing ones for its patient and receiving institution recorded before it closed.
-- Counting a year of referrals reads one range of the index below instead of probing the consent rows of each.
-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL 15.
CREATE TABLE consent_coverage (
    referral_id           VARCHAR(36)   PRIMARY KEY REFERENCES referral (id),
    receiving_institution VARCHAR(16)   NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    specialty             VARCHAR(40)   NOT NULL,
    urgency               VARCHAR(16)   NOT NULL,
    -- 1 or 0: a decision covers it; a grant does; a grant in force now; a covering grant withdrawn; one expired
    decided               SMALLINT      NOT NULL,
    granted               SMALLINT      NOT NULL,
    in_force              SMALLINT      NOT NULL,
    withdrawn             SMALLINT      NOT NULL,
    expired               SMALLINT      NOT NULL,
    -- seconds from sending to the first grant, for a referral no grant covered when it was sent; else null
    waited_seconds        NUMERIC(16, 3)
);
-- The referrals an institution received in a period, with every column the figures and their filters read.
CREATE INDEX ix_consent_coverage_received ON consent_coverage (receiving_institution, created_at, specialty, urgency,
    decided, granted, in_force, withdrawn, expired, waited_seconds);

-- The referrals already there, computed as ConsentCoverage computes them.
INSERT INTO consent_coverage (referral_id, receiving_institution, created_at, specialty, urgency, decided, granted,
    in_force, withdrawn, expired, waited_seconds)
SELECT r.id AS referral_id, r.receiving_institution, r.created_at, r.specialty, r.urgency, CASE WHEN (EXISTS (SELECT
    1 FROM consent k WHERE k.scope = 'REFERRAL' AND k.referral_id = r.id) OR EXISTS (SELECT 1 FROM consent k WHERE
    k.scope = 'INSTITUTION' AND k.patient_id = r.patient_id AND k.receiving_institution = r.receiving_institution
    AND (r.closed_at IS NULL OR k.recorded_at <= r.closed_at))) THEN 1 ELSE 0 END AS decided, CASE WHEN (EXISTS
    (SELECT 1 FROM consent k WHERE k.scope = 'REFERRAL' AND k.referral_id = r.id AND k.status IN ('GRANTED',
    'WITHDRAWN', 'EXPIRED')) OR EXISTS (SELECT 1 FROM consent k WHERE k.scope = 'INSTITUTION' AND k.patient_id =
    r.patient_id AND k.receiving_institution = r.receiving_institution AND (r.closed_at IS NULL OR k.recorded_at <=
    r.closed_at) AND k.status IN ('GRANTED', 'WITHDRAWN', 'EXPIRED'))) THEN 1 ELSE 0 END AS granted, CASE WHEN
    (EXISTS (SELECT 1 FROM consent k WHERE k.scope = 'REFERRAL' AND k.referral_id = r.id AND k.status = 'GRANTED')
    OR EXISTS (SELECT 1 FROM consent k WHERE k.scope = 'INSTITUTION' AND k.patient_id = r.patient_id AND
    k.receiving_institution = r.receiving_institution AND (r.closed_at IS NULL OR k.recorded_at <= r.closed_at) AND
    k.status = 'GRANTED')) THEN 1 ELSE 0 END AS in_force, CASE WHEN (EXISTS (SELECT 1 FROM consent k WHERE k.scope =
    'REFERRAL' AND k.referral_id = r.id AND k.status = 'WITHDRAWN') OR EXISTS (SELECT 1 FROM consent k WHERE k.scope
    = 'INSTITUTION' AND k.patient_id = r.patient_id AND k.receiving_institution = r.receiving_institution AND
    (r.closed_at IS NULL OR k.recorded_at <= r.closed_at) AND k.status = 'WITHDRAWN')) THEN 1 ELSE 0 END AS
    withdrawn, CASE WHEN (EXISTS (SELECT 1 FROM consent k WHERE k.scope = 'REFERRAL' AND k.referral_id = r.id AND
    k.status = 'EXPIRED') OR EXISTS (SELECT 1 FROM consent k WHERE k.scope = 'INSTITUTION' AND k.patient_id =
    r.patient_id AND k.receiving_institution = r.receiving_institution AND (r.closed_at IS NULL OR k.recorded_at <=
    r.closed_at) AND k.status = 'EXPIRED')) THEN 1 ELSE 0 END AS expired, CASE WHEN NOT (EXISTS (SELECT 1 FROM
    consent k WHERE k.scope = 'REFERRAL' AND k.referral_id = r.id AND k.status IN ('GRANTED', 'WITHDRAWN',
    'EXPIRED') AND k.recorded_at < r.created_at AND k.valid_from <= r.created_at AND k.valid_until > r.created_at
    AND (k.ended_at IS NULL OR k.ended_at > r.created_at)) OR EXISTS (SELECT 1 FROM consent k WHERE k.scope =
    'INSTITUTION' AND k.patient_id = r.patient_id AND k.receiving_institution = r.receiving_institution AND
    (r.closed_at IS NULL OR k.recorded_at <= r.closed_at) AND k.status IN ('GRANTED', 'WITHDRAWN', 'EXPIRED') AND
    k.recorded_at < r.created_at AND k.valid_from <= r.created_at AND k.valid_until > r.created_at AND (k.ended_at
    IS NULL OR k.ended_at > r.created_at))) THEN EXTRACT(EPOCH FROM (COALESCE(LEAST((SELECT MIN(k.recorded_at) FROM
    consent k WHERE k.scope = 'REFERRAL' AND k.referral_id = r.id AND k.status IN ('GRANTED', 'WITHDRAWN',
    'EXPIRED') AND k.recorded_at >= r.created_at), (SELECT MIN(k.recorded_at) FROM consent k WHERE k.scope =
    'INSTITUTION' AND k.patient_id = r.patient_id AND k.receiving_institution = r.receiving_institution AND
    (r.closed_at IS NULL OR k.recorded_at <= r.closed_at) AND k.status IN ('GRANTED', 'WITHDRAWN', 'EXPIRED') AND
    k.recorded_at >= r.created_at)), (SELECT MIN(k.recorded_at) FROM consent k WHERE k.scope = 'REFERRAL' AND
    k.referral_id = r.id AND k.status IN ('GRANTED', 'WITHDRAWN', 'EXPIRED') AND k.recorded_at >= r.created_at),
    (SELECT MIN(k.recorded_at) FROM consent k WHERE k.scope = 'INSTITUTION' AND k.patient_id = r.patient_id AND
    k.receiving_institution = r.receiving_institution AND (r.closed_at IS NULL OR k.recorded_at <= r.closed_at) AND
    k.status IN ('GRANTED', 'WITHDRAWN', 'EXPIRED') AND k.recorded_at >= r.created_at)) - r.created_at)) END AS
    waited_seconds FROM referral r;
