/**
 * The append-only audit log. Every resource records each access to person data through
 * {@link dk.overgang.audit.AuditLog}, inside the transaction of the access itself; auditors list it
 * through {@code /api/v1/audit-events}. Depends on {@code access} (the caller) only.
 */
package dk.overgang.audit;
