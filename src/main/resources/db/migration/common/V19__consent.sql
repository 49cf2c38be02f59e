-- Patients' consent to share their record with a receiving institution (ADR 0019): for one referral (scope REFERRAL)
-- or standing for every referral of the patient to that institution (scope INSTITUTION, as eHRSS does). The status
-- changes from GRANTED to WITHDRAWN or EXPIRED, never back; a new decision is a new row. The drawn signature and the
-- signed PDF live encrypted in document_blob; the PDF's SHA-256 and its Ed25519 signature are kept here to verify it.
CREATE TABLE consent (
    id                       VARCHAR(36)   PRIMARY KEY,
    scope                    VARCHAR(16)   NOT NULL,
    patient_id               VARCHAR(36)   NOT NULL REFERENCES patient (id),
    receiving_institution    VARCHAR(16)   NOT NULL REFERENCES institution (code),
    referral_id              VARCHAR(36)   REFERENCES referral (id),
    status                   VARCHAR(16)   NOT NULL,
    valid_from               TIMESTAMP WITH TIME ZONE NOT NULL,
    valid_until              TIMESTAMP WITH TIME ZONE NOT NULL,
    patient_has_capacity     BOOLEAN       NOT NULL,
    substitute_name          VARCHAR(200),
    substitute_relationship  VARCHAR(32),
    witness                  VARCHAR(64)   NOT NULL REFERENCES app_user (username),
    recording_institution    VARCHAR(16)   NOT NULL REFERENCES institution (code),
    recorded_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    signature_blob_id        VARCHAR(36)   NOT NULL REFERENCES document_blob (id),
    pdf_blob_id              VARCHAR(36)   REFERENCES document_blob (id),
    pdf_sha256               VARCHAR(64),
    pdf_signature_key        VARCHAR(64),
    pdf_signature            VARCHAR(128),
    process_instance_id      VARCHAR(64),
    ended_at                 TIMESTAMP WITH TIME ZONE,
    ended_by                 VARCHAR(64),
    end_reason               VARCHAR(2000),
    CONSTRAINT ck_consent_scope CHECK ((scope = 'REFERRAL' AND referral_id IS NOT NULL)
        OR (scope = 'INSTITUTION' AND referral_id IS NULL)),
    CONSTRAINT ck_consent_status CHECK (status IN ('GRANTED', 'REFUSED', 'WITHDRAWN', 'EXPIRED')),
    CONSTRAINT ck_consent_validity CHECK (valid_until > valid_from)
);
CREATE INDEX ix_consent_referral ON consent (referral_id, status);
CREATE INDEX ix_consent_patient ON consent (patient_id, receiving_institution, status);
