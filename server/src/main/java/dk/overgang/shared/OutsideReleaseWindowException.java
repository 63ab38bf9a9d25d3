package dk.overgang.shared;

/**
 * R18: a released person would be listed for KSP outside the window around the release. {@code field}
 * names the entry; the message states the rule, never the person's dates.
 */
public final class OutsideReleaseWindowException extends DomainException {

    private final String field;

    public OutsideReleaseWindowException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
