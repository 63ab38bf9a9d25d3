package dk.overgang.shared;

/** The caller's token lacks the scope for this interaction. */
public final class ForbiddenException extends DomainException {

    public ForbiddenException(String message) {
        super(message);
    }
}
