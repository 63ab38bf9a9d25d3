package dk.overgang.shared;

/** The request conflicts with stored state; {@code kind} becomes the problem type's last segment. */
public final class ConflictException extends DomainException {

    private final String kind;
    private final java.util.UUID existingId;

    public ConflictException(String kind, String message) {
        this(kind, message, null);
    }

    /** A conflict with a record the caller may see, named in the answer ({@code existingId}). */
    public ConflictException(String kind, String message, java.util.UUID existingId) {
        super(message);
        this.kind = kind;
        this.existingId = existingId;
    }

    public String kind() {
        return kind;
    }

    public java.util.Optional<java.util.UUID> existingId() {
        return java.util.Optional.ofNullable(existingId);
    }
}
