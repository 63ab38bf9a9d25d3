package dk.overgang.pipeline;

/**
 * Where the pipeline writes the events of an operation, in the operation's transaction: the
 * transactional outbox ({@code events.EventOutbox}). An interface here so that the pipeline does not
 * depend on the delivery machinery that depends on it.
 */
public interface Outbox {

    void append(Event event);
}
