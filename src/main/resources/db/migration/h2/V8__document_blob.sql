-- The encrypted document store (ADR 0011): every stored file is one row, AES-256-GCM under its own data key. The data
-- key is kept wrapped under the key-encryption key kek_id from the keystore; rotation rewrites kek_id and wrapped_key
-- only. The types differ from PostgreSQL's (BLOB here, BYTEA there), hence one file per database.
CREATE TABLE document_blob (
    id             VARCHAR(36)  PRIMARY KEY,
    kind           VARCHAR(32)  NOT NULL,
    media_type     VARCHAR(127) NOT NULL,
    content_length BIGINT       NOT NULL,
    kek_id         VARCHAR(64)  NOT NULL,
    wrapped_key    VARBINARY(60) NOT NULL,
    nonce          VARBINARY(12) NOT NULL,
    ciphertext     BLOB         NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_document_blob_kek ON document_blob (kek_id, id);
