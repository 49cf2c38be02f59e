-- Discharge handovers (FHIR Composition "discharge summary" sent to the family doctor). The summary's clinical text is
-- sealed in the document store (document_blob); these rows hold who takes part, dates and states only.
CREATE TABLE discharge_handover (
    id                  VARCHAR(36)  PRIMARY KEY,
    patient_id          VARCHAR(36)  NOT NULL REFERENCES patient (id),
    patient_name        VARCHAR(200) NOT NULL,
    hospital            VARCHAR(16)  NOT NULL REFERENCES institution (code),
    author              VARCHAR(64)  NOT NULL REFERENCES app_user (username),
    clinic              VARCHAR(16)  NOT NULL REFERENCES institution (code),
    family_doctor       VARCHAR(64)  NOT NULL REFERENCES app_user (username),
    referral_id         VARCHAR(36)  REFERENCES referral (id),
    summary_document_id VARCHAR(36)  NOT NULL REFERENCES document_blob (id),
    discharged_on       DATE         NOT NULL,
    status              VARCHAR(20)  NOT NULL,
    process_instance_id VARCHAR(64),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    acknowledged_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_discharge_family_doctor ON discharge_handover (family_doctor, created_at);
CREATE INDEX ix_discharge_hospital ON discharge_handover (hospital, created_at);

-- A follow-up item of the summary's plan (its text is in the sealed summary, by item number).
CREATE TABLE discharge_follow_up (
    id           VARCHAR(36) PRIMARY KEY,
    handover_id  VARCHAR(36) NOT NULL REFERENCES discharge_handover (id),
    item_no      INTEGER     NOT NULL,
    due_on       DATE        NOT NULL,
    remind_on    DATE        NOT NULL,
    status       VARCHAR(20) NOT NULL,
    completed_at TIMESTAMP WITH TIME ZONE,
    UNIQUE (handover_id, item_no)
);

-- A result still pending at discharge; the result itself, once recorded, is sealed in the document store.
CREATE TABLE discharge_pending_result (
    id                 VARCHAR(36) PRIMARY KEY,
    handover_id        VARCHAR(36) NOT NULL REFERENCES discharge_handover (id),
    item_no            INTEGER     NOT NULL,
    status             VARCHAR(20) NOT NULL,
    result_document_id VARCHAR(36) REFERENCES document_blob (id),
    recorded_by        VARCHAR(64) REFERENCES app_user (username),
    recorded_at        TIMESTAMP WITH TIME ZONE,
    UNIQUE (handover_id, item_no)
);
