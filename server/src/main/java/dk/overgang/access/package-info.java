/**
 * Who may see what. Verifies tokens (trusted keys, algorithms, required claims), turns the verified
 * claims into a {@link dk.overgang.access.Caller}, and holds one visibility policy per resource.
 * Depends on micronaut-security and Nimbus only; resources depend on it, never the reverse.
 */
package dk.overgang.access;
