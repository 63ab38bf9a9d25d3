package dk.overgang.shared;

/** The request conflicts with stored state; {@code kind} becomes the problem type's last segment. */
public final class ConflictException extends DomainException {

    private final String kind;

    public ConflictException(String kind, String message) {
        super(message);
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}
