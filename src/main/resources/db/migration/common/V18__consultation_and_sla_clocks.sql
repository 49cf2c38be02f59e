-- Cross-department consultations and SLA clocks on waiting steps (ADR 0018). Runs unchanged on H2 and PostgreSQL.

-- A doctor asks another department of their own institution for an opinion. The question and the opinion are
-- sealed in the document store (ADR 0011): this row holds who asked whom, about which patient (and referral), how
-- urgently, which of the referral's sections the consulted side may read, and where the request stands.
CREATE TABLE consultation (
    id                    VARCHAR(36)  PRIMARY KEY,
    institution           VARCHAR(16)  NOT NULL REFERENCES institution (code),
    requester             VARCHAR(64)  NOT NULL REFERENCES app_user (username),
    requesting_department VARCHAR(40)  NOT NULL REFERENCES specialty (code),
    consulted_department  VARCHAR(40)  NOT NULL REFERENCES specialty (code),
    patient_id            VARCHAR(36)  NOT NULL REFERENCES patient (id),
    referral_id           VARCHAR(36)  REFERENCES referral (id),
    shared_sections       VARCHAR(300),
    urgency               VARCHAR(16)  NOT NULL,
    question_blob         VARCHAR(36)  NOT NULL REFERENCES document_blob (id),
    opinion_blob          VARCHAR(36)  REFERENCES document_blob (id),
    status                VARCHAR(20)  NOT NULL,
    answered_by           VARCHAR(64)  REFERENCES app_user (username),
    process_instance_id   VARCHAR(64),
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    answered_at           TIMESTAMP WITH TIME ZONE,
    closed_at             TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_consultation_requester ON consultation (requester, created_at);
CREATE INDEX ix_consultation_consulted ON consultation (institution, consulted_department, created_at);

-- One SLA clock per clocked user task, started when the task is created. The breach check claims a row by setting
-- breached_at where it is still null, so of several nodes checking at once exactly one raises the breach; the
-- dashboard counts breaches by process and step from here.
CREATE TABLE sla_clock (
    task_id             VARCHAR(64)  PRIMARY KEY,
    process_key         VARCHAR(100) NOT NULL,
    task_key            VARCHAR(100) NOT NULL,
    process_instance_id VARCHAR(64)  NOT NULL,
    case_id             VARCHAR(64),
    institution         VARCHAR(16),
    urgency             VARCHAR(16),
    started_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    due_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at            TIMESTAMP WITH TIME ZONE,
    breached_at         TIMESTAMP WITH TIME ZONE,
    breach_process_id   VARCHAR(64),
    breach_handled_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_sla_clock_due ON sla_clock (ended_at, breached_at, due_at);
CREATE INDEX ix_sla_clock_stage ON sla_clock (process_key, task_key, breached_at);
