package dk.overgang.shared;

/**
 * A field that is well-formed JSON but breaks a domain rule (for example a CPR number whose date
 * part is not a date). The message describes the rule, never the rejected value.
 */
public final class InvalidFieldException extends DomainException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
