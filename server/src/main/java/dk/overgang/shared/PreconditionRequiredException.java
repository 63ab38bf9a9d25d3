package dk.overgang.shared;

/** An update came without If-Match. */
public final class PreconditionRequiredException extends DomainException {

    public PreconditionRequiredException(String message) {
        super(message);
    }
}
