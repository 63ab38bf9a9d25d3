package dk.overgang.pipeline;

import dk.overgang.audit.AuditAction;
import dk.overgang.access.ResourceType;
import dk.overgang.shared.EventType;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * What one operation states for the pipeline, as it learns it: the person it is about, the resource
 * it touched, what a search disclosed, and the events to tell. The pipeline writes the audit record
 * and the events from these facts; a service never calls the audit log or the outbox itself.
 */
public final class Facts {

    private final ResourceType type;
    private UUID subject;
    private UUID resourceId;
    private List<UUID> disclosedIds;
    private final List<UUID> disclosedSubjects = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private AuditAction action;
    private String lookedUpCpr;
    private final List<Also> also = new ArrayList<>();

    /** Another resource the same operation changed (a KSP exchange noted on the person's action plan). */
    record Also(ResourceType type, UUID id, @Nullable UUID subject, AuditAction action) {
    }

    Facts(ResourceType type, @Nullable UUID resourceId) {
        this.type = type;
        this.resourceId = resourceId;
    }

    /** The person the operation is about; named as the audit record's subject. */
    public Facts about(@Nullable UUID person) {
        this.subject = person;
        return this;
    }

    /** The resource the operation read or wrote (the requested id until the resource is found or made). */
    public Facts resource(@Nullable UUID id) {
        this.resourceId = id;
        return this;
    }

    /**
     * What a search, list or worklist disclosed: the resources and the people they are about. One
     * audit record names them all (an empty search is recorded too).
     */
    public Facts disclosed(Collection<UUID> ids, Collection<UUID> people) {
        this.disclosedIds = List.copyOf(ids);
        this.disclosedSubjects.clear();
        this.disclosedSubjects.addAll(people);
        return this;
    }

    /** What the change turned out to be, where one operation creates or replaces (a first assignment is a create). */
    public Facts recordedAs(AuditAction what) {
        this.action = what;
        return this;
    }

    /**
     * A lookup by CPR number found {@code found}: recorded with the keyed hash of the number, never the
     * number, so that even a lookup that found nothing the caller may see is attributable to the person.
     */
    public Facts lookedUp(String cprDigits, Collection<UUID> found) {
        this.lookedUpCpr = cprDigits;
        return disclosed(found, found);
    }

    /** The operation changed {@code id} of {@code type} too; it gets an audit record of its own, in the same transaction. */
    public Facts alsoChanged(ResourceType changed, UUID id, @Nullable UUID person, AuditAction what) {
        also.add(new Also(changed, id, person, what));
        return this;
    }

    /** Tells {@code type} about this operation's resource in {@code version}, about its person. */
    public Facts tell(EventType event, long version) {
        return tell(Event.of(event, type, resourceId, version, subject()));
    }

    /** Tells an event; written to the outbox in the operation's transaction, only if it commits. */
    public Facts tell(Event event) {
        events.add(event);
        return this;
    }

    AuditAction action(AuditAction asked) {
        return action != null ? action : asked;
    }

    ResourceType type() {
        return type;
    }

    @Nullable
    UUID subject() {
        return subject != null ? subject : type == ResourceType.Inmate ? resourceId : null;
    }

    @Nullable
    UUID resourceId() {
        return resourceId;
    }

    @Nullable
    String lookedUpCpr() {
        return lookedUpCpr;
    }

    boolean isDisclosure() {
        return disclosedIds != null;
    }

    List<UUID> disclosedIds() {
        return disclosedIds;
    }

    List<UUID> disclosedSubjects() {
        return disclosedSubjects;
    }

    List<Also> also() {
        return also;
    }

    List<Event> events() {
        return events;
    }
}
