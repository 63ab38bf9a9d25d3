package dk.overgang.access;

import java.util.Optional;

/**
 * The state of the clients Overgang issues tokens to (issue 15), read on every request made with
 * such a token, so a suspension or a write freeze takes effect at once, also for tokens already
 * issued. Implemented by the client registry.
 */
public interface RegisteredClients {

    record State(boolean active, boolean readOnly) {
    }

    /** The client's state now; empty for a client that is not (or no longer) registered. */
    Optional<State> state(String clientId);
}
