-- How far the audit log has been forwarded to the syslog collector (when forwarding is configured).
CREATE TABLE audit_forward_state (
    id           INT    PRIMARY KEY,
    last_seq     BIGINT NOT NULL,
    forwarded_at TIMESTAMP WITH TIME ZONE
);
INSERT INTO audit_forward_state (id, last_seq) VALUES (1, 0);
