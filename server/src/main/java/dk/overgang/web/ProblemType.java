package dk.overgang.web;

import java.net.URI;

/** The stable problem types of the API (a public contract: never renamed, only added to). */
public enum ProblemType {
    VALIDATION(400, "validation", "Invalid request"),
    MALFORMED_JSON(400, "malformed-json", "Malformed JSON body"),
    UNAUTHORIZED(401, "unauthorized", "Authentication required"),
    FORBIDDEN(403, "forbidden", "Forbidden"),
    CLIENT_READ_ONLY(403, "client-read-only", "The client's writes are frozen"),
    NOT_FOUND(404, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
    CONFLICT(409, "conflict", "Conflict"),
    IDEMPOTENCY_KEY_REUSED(409, "idempotency-key-reused", "Idempotency-Key reused"),
    PRECONDITION_FAILED(412, "precondition-failed", "Precondition failed"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    PRECONDITION_REQUIRED(428, "precondition-required", "Precondition required"),
    KSP_OUTSIDE_RELEASE_WINDOW(422, "ksp-outside-release-window", "Outside the KSP release window"),
    KSP_OUTSIDE_FORUM_AREA(422, "ksp-outside-forum-area", "Outside the KSP forum's area"),
    HANDOVER_JARGON(422, "handover-jargon", "Internal jargon in a handover"),
    EVENT_TYPE_NOT_ALLOWED(422, "event-type-not-allowed", "Event type not allowed for this organisation"),
    DUPLICATE_CUSTODY_RECORD(409, "duplicate-custody-record", "A custody record for this person is open"),
    TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests"),
    SERVICE_UNAVAILABLE(503, "service-unavailable", "Service unavailable"),
    INTERNAL(500, "internal", "Internal error"),
    /** Written by {@link StrictHttpServerCodec}: a message whose length could be read two ways. */
    MALFORMED_REQUEST(400, "malformed-request", "Malformed HTTP request"),
    TRANSFER_CODING_NOT_IMPLEMENTED(501, "transfer-coding-not-implemented", "Transfer coding not implemented");

    static final String BASE = "https://overgang.example/problems/";

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public URI uri() {
        return URI.create(BASE + slug);
    }

    /** The type for a status no handler named more precisely. */
    static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status && type != MALFORMED_REQUEST && type != TRANSFER_CODING_NOT_IMPLEMENTED) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL : VALIDATION;
    }

    static ProblemType forUnprocessable(String kind) {
        return switch (kind) {
            case "event-type-not-allowed" -> EVENT_TYPE_NOT_ALLOWED;
            default -> throw new IllegalArgumentException("no problem type " + kind);
        };
    }

    static ProblemType forConflict(String kind) {
        return switch (kind) {
            case "idempotency-key-reused" -> IDEMPOTENCY_KEY_REUSED;
            case "duplicate-custody-record" -> DUPLICATE_CUSTODY_RECORD;
            default -> CONFLICT;
        };
    }
}
