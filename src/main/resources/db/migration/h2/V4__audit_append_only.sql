-- On H2 the audit tables refuse UPDATE and DELETE through a Java trigger. H2 has no TRUNCATE trigger: a truncated log
-- is caught by verification against the signed checkpoints instead.
CREATE TRIGGER audit_event_append_only BEFORE UPDATE, DELETE ON audit_event
    FOR EACH ROW CALL 'hk.carerelay.audit.AppendOnlyTrigger';
CREATE TRIGGER audit_seal_append_only BEFORE UPDATE, DELETE ON audit_seal
    FOR EACH ROW CALL 'hk.carerelay.audit.AppendOnlyTrigger';
CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE, DELETE ON audit_checkpoint
    FOR EACH ROW CALL 'hk.carerelay.audit.AppendOnlyTrigger';
