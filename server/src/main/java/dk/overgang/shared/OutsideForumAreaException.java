package dk.overgang.shared;

/**
 * A KSP entry concerns a person with no connection to the forum's area: neither the acting nor the
 * release municipality is one of the forum's municipalities. {@code field} names the entry; the
 * message states the rule, never the person's municipality.
 */
public final class OutsideForumAreaException extends DomainException {

    private final String field;

    public OutsideForumAreaException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
