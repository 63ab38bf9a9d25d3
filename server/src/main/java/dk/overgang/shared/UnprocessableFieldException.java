package dk.overgang.shared;

/**
 * A well-formed request that asks for something the rules never allow this caller (422), naming
 * the field; {@code kind} becomes the problem type's last segment. The message states the rule,
 * never a stored value.
 */
public final class UnprocessableFieldException extends DomainException {

    private final String kind;
    private final String field;

    public UnprocessableFieldException(String kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public String kind() {
        return kind;
    }

    public String field() {
        return field;
    }
}
