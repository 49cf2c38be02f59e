-- The audit log grows into an IHE BALP / FHIR AuditEvent shaped record and becomes tamper-evident:
-- every entry is sealed into a hash chain and an RFC 6962 Merkle tree; signed checkpoints are kept apart.

ALTER TABLE audit_event ADD COLUMN on_behalf_of VARCHAR(64);
ALTER TABLE audit_event ADD COLUMN user_agent VARCHAR(300);
ALTER TABLE audit_event ADD COLUMN patient_id VARCHAR(36);
ALTER TABLE audit_event ADD COLUMN record_section VARCHAR(40);
ALTER TABLE audit_event ADD COLUMN process_instance_id VARCHAR(64);

CREATE INDEX ix_audit_event_patient ON audit_event (patient_id, occurred_at);
CREATE INDEX ix_audit_event_time ON audit_event (occurred_at, id);
CREATE INDEX ix_audit_event_action ON audit_event (action, occurred_at);

-- Position of each entry in the log: leaf hash (SHA-256 of 0x00 and the entry's canonical bytes) and the running
-- chain hash (SHA-256 of the previous chain hash and the leaf). Written once by the sealer, never changed.
CREATE TABLE audit_seal (
    seq        BIGINT       PRIMARY KEY,
    event_id   BIGINT       NOT NULL UNIQUE,
    leaf_hash  VARCHAR(64)  NOT NULL,
    chain_hash VARCHAR(64)  NOT NULL,
    sealed_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Signed checkpoints: tree size, Merkle root and chain head, signed with Ed25519. The frontier (the roots of the
-- perfect subtrees) lets the next checkpoint continue without re-reading the whole log.
CREATE TABLE audit_checkpoint (
    tree_size  BIGINT        PRIMARY KEY,
    root_hash  VARCHAR(64)   NOT NULL,
    chain_head VARCHAR(64)   NOT NULL,
    frontier   VARCHAR(4200) NOT NULL,
    signed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    key_id     VARCHAR(64)   NOT NULL,
    signature  VARCHAR(200)  NOT NULL
);

-- One row that the sealer locks, so that only one node seals at a time.
CREATE TABLE audit_sealer_lock (
    id INT PRIMARY KEY
);
INSERT INTO audit_sealer_lock (id) VALUES (1);
