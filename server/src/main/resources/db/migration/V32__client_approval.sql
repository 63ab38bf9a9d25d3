-- Issue 27 §3: registration is two-sided. A client the operator registers (or widens) is 'pending'
-- until the organisation it acts for approves it with a token of its own identity provider; the
-- approval (when, by whom, which widening roles were named) is kept on the client and every step is
-- in the audit log. Clients registered before stay as they are.
ALTER TABLE client DROP CONSTRAINT client_status_check;
ALTER TABLE client ADD CONSTRAINT client_status_check CHECK (status IN ('pending', 'active', 'suspended'));
ALTER TABLE client ADD COLUMN approved_at timestamptz;
ALTER TABLE client ADD COLUMN approved_by_sub text CHECK (length(approved_by_sub) <= 256);
ALTER TABLE client ADD COLUMN approved_roles text[];
