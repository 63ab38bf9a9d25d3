package dk.overgang.shared;

/** If-Match names a version that is no longer current. */
public final class PreconditionFailedException extends DomainException {

    public PreconditionFailedException(String message) {
        super(message);
    }
}
