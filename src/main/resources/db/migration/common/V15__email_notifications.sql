-- Optional e-mail notices: a user's address and choice, and which in-app notifications were already e-mailed.
ALTER TABLE app_user ADD COLUMN email VARCHAR(254);
ALTER TABLE app_user ADD COLUMN notify_by_email BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE notification ADD COLUMN emailed_at TIMESTAMP WITH TIME ZONE;
-- notifications from before this version are not e-mailed
UPDATE notification SET emailed_at = created_at;
CREATE INDEX ix_notification_emailed ON notification (emailed_at, id);
