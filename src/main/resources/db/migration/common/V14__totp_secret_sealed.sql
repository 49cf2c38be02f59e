-- Two-factor secrets are stored sealed (envelope encryption, bound to the username); the sealed text is longer.
-- Existing clear secrets are sealed by the application at its next start, before it accepts sign-ins.
ALTER TABLE app_user ALTER COLUMN totp_secret SET DATA TYPE VARCHAR(400);
ALTER TABLE app_user ALTER COLUMN totp_pending_secret SET DATA TYPE VARCHAR(400);
