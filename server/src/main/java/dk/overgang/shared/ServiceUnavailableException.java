package dk.overgang.shared;

/** A dependency the request cannot do without (the database, the audit log) is unavailable right now. */
public final class ServiceUnavailableException extends DomainException {

    public ServiceUnavailableException(String message) {
        super(message);
    }
}
