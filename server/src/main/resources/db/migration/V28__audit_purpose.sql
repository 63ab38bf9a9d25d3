-- Issue 17: every audit record says why (the purpose and so the legal basis of the access), from the
-- token's purpose claim or the caller's organisation type, or the endpoint's own (subject access).
-- Records written before this migration have none. The hash chain seals the purpose with the record
-- (dk.overgang.audit.AuditChain: records with a purpose are hashed in the longer format).
-- A subject-access export is an action of its own.
ALTER TABLE audit_event ADD COLUMN purpose text CHECK (purpose ~ '^[a-z-]{1,40}$');
ALTER TABLE audit_event DROP CONSTRAINT audit_event_action_check;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_action_check
    CHECK (action IN ('create', 'read', 'update', 'search', 'history', 'lookup', 'fulfil', 'delete', 'approve', 'acknowledge',
                      'export'));
