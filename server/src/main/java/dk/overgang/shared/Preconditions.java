package dk.overgang.shared;

import java.util.Optional;

/**
 * The one check every versioned update makes before writing (FHIR-style optimistic concurrency):
 * the caller must name the version it read ({@code If-Match}), and it must still be current.
 */
public final class Preconditions {

    private Preconditions() {
    }

    /**
     * @param ifMatchVersion the versionId the caller's If-Match names (empty when it sent none)
     * @param currentVersion the versionId stored now
     * @param what           the resource, in the message ("the inmate")
     * @return the version to replace
     */
    public static long requireCurrentVersion(Optional<Long> ifMatchVersion, long currentVersion, String what) {
        long expected = ifMatchVersion.orElseThrow(() ->
                new PreconditionRequiredException("Send If-Match with the ETag of the version you are replacing."));
        if (expected != currentVersion) {
            throw new PreconditionFailedException(capitalised(what) + " has changed since version " + expected
                    + "; read it again and reapply your change.");
        }
        return expected;
    }

    /** The answer when the database's own version check ({@code @Version}) lost a race. */
    public static PreconditionFailedException concurrentChange(String what) {
        return new PreconditionFailedException(capitalised(what) + " was changed by someone else at the same time; read it again.");
    }

    private static String capitalised(String what) {
        return Character.toUpperCase(what.charAt(0)) + what.substring(1);
    }
}
