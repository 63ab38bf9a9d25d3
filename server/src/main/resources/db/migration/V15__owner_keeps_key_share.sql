-- A foreign-key check locks the referenced row FOR KEY SHARE as the referenced table's owner, which
-- needs UPDATE on it. V9 revoked UPDATE on ksp_list_version from its owner; under an ordinary
-- (non-superuser) owner, publishing a second KSP list version and accepting a proposal then failed
-- ("permission denied for table ksp_list_version"). The owner gets UPDATE back: the refuse_change
-- triggers keep the table append-only for every role, and the application role never holds UPDATE
-- on it (afterMigrate__grant_application_role.sql). (audit_event and audit_chain, revoked the same
-- way in V10, are referenced by no foreign key.)
GRANT UPDATE ON ksp_list_version TO CURRENT_USER;
