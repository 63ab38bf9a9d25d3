package dk.overgang.shared;

import java.util.List;

/**
 * R9: a handover's staff-written text holds internal jargon. Each finding names the field and the
 * terms found (terms from the fixed jargon list, never the surrounding text).
 */
public final class JargonFoundException extends DomainException {

    public record Finding(String field, List<String> terms) {
    }

    private final List<Finding> findings;

    public JargonFoundException(List<Finding> findings) {
        super("The handover's text holds internal terms the municipality may not understand (R9); rewrite them in "
                + "plain Danish, or approve with jargonConfirmationReason.");
        this.findings = List.copyOf(findings);
    }

    public List<Finding> findings() {
        return findings;
    }
}
