package dk.overgang.shared;

/**
 * Issue 15: the registered client behind the token may not do this now: it was suspended (401, also
 * for tokens issued before), or its writes are frozen (403, {@code client-read-only}).
 */
public final class ClientRefusedException extends DomainException {

    private final boolean suspended;

    private ClientRefusedException(String message, boolean suspended) {
        super(message);
        this.suspended = suspended;
    }

    public static ClientRefusedException suspended() {
        return new ClientRefusedException("The client is not active.", true);
    }

    public static ClientRefusedException readOnly() {
        return new ClientRefusedException("The client may only read for now (its writes are frozen).", false);
    }

    public boolean isSuspension() {
        return suspended;
    }
}
