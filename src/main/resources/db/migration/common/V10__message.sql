-- Secure messages between the participants of a case (today a referral; consultations and handovers later, hence
-- case_type + case_id rather than a foreign key to one table). The body lives encrypted in document_blob under the
-- message's own id (ADR 0014); this row holds who wrote it, when, in which thread, and the document it points to.
-- Never deleted or changed.
CREATE TABLE message (
    id                 VARCHAR(36)   PRIMARY KEY REFERENCES document_blob (id),
    case_type          VARCHAR(20)   NOT NULL,
    case_id            VARCHAR(36)   NOT NULL,
    author             VARCHAR(64)   NOT NULL REFERENCES app_user (username),
    author_institution VARCHAR(16)   NOT NULL REFERENCES institution (code),
    sent_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    document_id        VARCHAR(36)   REFERENCES clinical_document (id)
);
CREATE INDEX ix_message_case ON message (case_type, case_id, sent_at);

-- Read receipts: who read which message and when (the first time). A message without a row for a participant is
-- unread for them; the author's own messages have none.
CREATE TABLE message_read (
    message_id VARCHAR(36) NOT NULL REFERENCES message (id),
    username   VARCHAR(64) NOT NULL REFERENCES app_user (username),
    read_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (message_id, username)
);
CREATE INDEX ix_message_read_user ON message_read (username, message_id);
