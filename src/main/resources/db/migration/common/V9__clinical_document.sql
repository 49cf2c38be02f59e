-- A document attached to a referral (FHIR DocumentReference). Its files (original, a PDF of it, the extracted text,
-- the personal data found, and after release the redacted copy and its text) live encrypted in document_blob; this
-- row says what they are and where the document stands. Never deleted: a withdrawn document keeps its row.
CREATE TABLE clinical_document (
    id                  VARCHAR(36)   PRIMARY KEY,
    referral_id         VARCHAR(36)   NOT NULL REFERENCES referral (id),
    category            VARCHAR(40)   NOT NULL,
    file_name           VARCHAR(255)  NOT NULL,
    media_type          VARCHAR(100)  NOT NULL,
    size_bytes          BIGINT        NOT NULL,
    page_count          INT           NOT NULL,
    status              VARCHAR(20)   NOT NULL,
    original_blob       VARCHAR(36)   NOT NULL,
    original_pdf_blob   VARCHAR(36)   NOT NULL,
    text_blob           VARCHAR(36)   NOT NULL,
    findings_blob       VARCHAR(36)   NOT NULL,
    redacted_blob       VARCHAR(36),
    redacted_text_blob  VARCHAR(36),
    uploaded_by         VARCHAR(64)   NOT NULL REFERENCES app_user (username),
    uploaded_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    process_instance_id VARCHAR(64),
    reviewed_by         VARCHAR(64),
    decided_at          TIMESTAMP WITH TIME ZONE,
    withdraw_reason     VARCHAR(2000)
);
CREATE INDEX ix_clinical_document_referral ON clinical_document (referral_id);
