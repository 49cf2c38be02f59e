-- Emergency (break-glass) access: a clinician opens a referral outside their scope for a limited time, giving a
-- reason; the managers of their institution review it in the emergency-access-review process. Never deleted.
CREATE TABLE emergency_access (
    id                  VARCHAR(36)   PRIMARY KEY,
    referral_id         VARCHAR(36)   NOT NULL REFERENCES referral (id),
    username            VARCHAR(64)   NOT NULL REFERENCES app_user (username),
    institution_code    VARCHAR(16)   NOT NULL REFERENCES institution (code),
    reason              VARCHAR(2000) NOT NULL,
    granted_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    process_instance_id VARCHAR(64),
    review_outcome      VARCHAR(20),
    reviewed_by         VARCHAR(64),
    review_comment      VARCHAR(2000),
    reviewed_at         TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_emergency_access_user ON emergency_access (username, referral_id, expires_at);
CREATE INDEX ix_emergency_access_institution ON emergency_access (institution_code);
