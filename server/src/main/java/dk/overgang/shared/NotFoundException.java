package dk.overgang.shared;

/** No such resource, or not one the caller may see. Callers never learn which. */
public final class NotFoundException extends DomainException {

    public NotFoundException(String message) {
        super(message);
    }
}
