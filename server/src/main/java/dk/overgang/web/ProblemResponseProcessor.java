package dk.overgang.web;

import dk.overgang.api.generated.model.FieldError;
import dk.overgang.api.generated.model.Problem;
import dk.overgang.shared.ApiDates;
import dk.overgang.shared.ConflictException;
import dk.overgang.shared.DomainException;
import dk.overgang.shared.ClientRefusedException;
import dk.overgang.shared.ForbiddenException;
import dk.overgang.shared.InvalidFieldException;
import dk.overgang.shared.UnprocessableFieldException;
import dk.overgang.shared.JargonFoundException;
import dk.overgang.shared.OutsideForumAreaException;
import dk.overgang.shared.OutsideReleaseWindowException;
import dk.overgang.shared.NotFoundException;
import dk.overgang.shared.PreconditionFailedException;
import dk.overgang.shared.PreconditionRequiredException;
import dk.overgang.shared.ServiceUnavailableException;
import dk.overgang.shared.TooManyRequestsException;
import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.serde.exceptions.InvalidPropertyFormatException;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteMatch;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every error the server answers, from routing, security, body decoding, validation or a service,
 * becomes one RFC 9457 {@code application/problem+json} body with a stable {@link ProblemType}.
 *
 * <p>Hand-written because micronaut-problem-json is not served by the registry this project builds
 * from. It is also stricter about personal data than a generic mapper: framework messages can quote
 * the rejected value (a CPR number, say), so for them only the field name and a fixed sentence are
 * shown; only {@link DomainException} messages, written to be safe, are passed through. Micronaut
 * steps its default processor aside when this bean exists.
 */
@Singleton
public class ProblemResponseProcessor implements ErrorResponseProcessor<Problem> {

    public static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");

    /** Java parameter names of the generated interfaces that differ from their names on the wire. */
    private static final Map<String, String> WIRE_NAMES = Map.of(
            "count", "_count", "cursor", "_cursor", "idempotencyKey", "Idempotency-Key", "ifMatch", "If-Match");
    private static final Pattern SERDE_PROPERTY = Pattern.compile("property \\[[^\\]]*?(\\w+)\\]");
    private static final int MAX_ERRORS = 100;

    /** A path segment safe to echo: a UUID, a small number (a version), or a lower-case word of the API's own paths. */
    private static final Pattern SAFE_SEGMENT = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9]{1,9}|[a-z_.][a-z0-9_.-]{0,63}");

    /**
     * The problem's {@code instance}: the request path when every segment is one the API itself
     * could have written, else the matched route's template ({@code /api/v1/inmates/{id}}), else
     * nothing. A segment that failed validation (a CPR number typed where an id belongs, markup) is
     * never echoed back.
     */
    static String instance(HttpRequest<?> request) {
        String path = request.getPath();
        boolean safe = path.startsWith("/") && path.length() <= 512;
        for (String segment : path.substring(Math.min(1, path.length())).split("/", -1)) {
            safe &= segment.isEmpty() || SAFE_SEGMENT.matcher(segment).matches();
        }
        if (safe) {
            return path;
        }
        return RouteAttributes.getRouteMatch(request)
                .filter(UriRouteMatch.class::isInstance)
                .map(match -> ((UriRouteMatch<?, ?>) match).getRouteInfo().getUriMatchTemplate().toPathString())
                .orElse(null);
    }

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        Throwable cause = context.getRootCause().orElse(null);
        ProblemType type = classify(response.code(), cause);
        Problem problem = new Problem(type.uri(), type.title(), type == ProblemType.INTERNAL ? 500 : response.code());
        problem.setDetail(detail(type, cause));
        List<FieldError> errors = fieldErrors(cause);
        if (!errors.isEmpty()) {
            problem.setErrors(errors);
        }
        problem.setInstance(instance(context.getRequest()));
        if (cause instanceof ConflictException conflict) {
            conflict.existingId().ifPresent(problem::setExistingId);
        }
        if (type == ProblemType.UNAUTHORIZED && !response.getHeaders().contains(HttpHeaders.WWW_AUTHENTICATE)) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"overgang\"");
        }
        return response.body(problem).contentType(PROBLEM_JSON);
    }

    private static ProblemType classify(int status, Throwable cause) {
        if (cause instanceof DomainException domain) {
            return switch (domain) {
                case NotFoundException e -> ProblemType.NOT_FOUND;
                case ForbiddenException e -> ProblemType.FORBIDDEN;
                case PreconditionFailedException e -> ProblemType.PRECONDITION_FAILED;
                case PreconditionRequiredException e -> ProblemType.PRECONDITION_REQUIRED;
                case ConflictException e -> ProblemType.forConflict(e.kind());
                case InvalidFieldException e -> ProblemType.VALIDATION;
                case OutsideReleaseWindowException e -> ProblemType.KSP_OUTSIDE_RELEASE_WINDOW;
                case OutsideForumAreaException e -> ProblemType.KSP_OUTSIDE_FORUM_AREA;
                case JargonFoundException e -> ProblemType.HANDOVER_JARGON;
                case UnprocessableFieldException e -> ProblemType.forUnprocessable(e.kind());
                case ServiceUnavailableException e -> ProblemType.SERVICE_UNAVAILABLE;
                case TooManyRequestsException e -> ProblemType.TOO_MANY_REQUESTS;
                case ClientRefusedException e -> e.isSuspension() ? ProblemType.UNAUTHORIZED : ProblemType.CLIENT_READ_ONLY;
            };
        }
        if (cause instanceof MalformedBodyException || status == 400 && isJsonDecoding(cause)) {
            return ProblemType.MALFORMED_JSON;
        }
        return ProblemType.forStatus(status);
    }

    private static String detail(ProblemType type, Throwable cause) {
        if (cause instanceof InvalidFieldException) {
            return "A field breaks a rule; see errors.";
        }
        if (cause instanceof DomainException || cause instanceof MalformedBodyException) {
            return cause.getMessage();
        }
        return switch (type) {
            case VALIDATION -> "The request has invalid or missing values; see errors.";
            case MALFORMED_JSON -> "The body is not valid JSON for this operation (syntax, a type or an unknown value).";
            case UNAUTHORIZED -> "Send a valid bearer token (RS256 or ES256) from a trusted issuer.";
            case FORBIDDEN -> "The token does not allow this request.";
            case NOT_FOUND -> "No such resource.";
            case METHOD_NOT_ALLOWED -> "This method is not allowed on this resource.";
            case NOT_ACCEPTABLE -> "The server cannot produce the requested media type.";
            case PAYLOAD_TOO_LARGE -> "The body is larger than the server accepts.";
            case UNSUPPORTED_MEDIA_TYPE -> "Send the body as application/json.";
            case TOO_MANY_REQUESTS -> "Too many requests from this client; retry after the given delay.";
            case SERVICE_UNAVAILABLE -> "The service is temporarily unavailable; retry after the given delay.";
            default -> "The request could not be processed.";
        };
    }

    private static List<FieldError> fieldErrors(Throwable cause) {
        List<FieldError> errors = new ArrayList<>();
        if (cause instanceof InvalidFieldException invalid) {
            errors.add(new FieldError(invalid.field(), invalid.getMessage()));
        } else if (cause instanceof OutsideReleaseWindowException outside) {
            errors.add(new FieldError(outside.field(), outside.getMessage()));
        } else if (cause instanceof UnprocessableFieldException refused) {
            errors.add(new FieldError(refused.field(), refused.getMessage()));
        } else if (cause instanceof OutsideForumAreaException outside) {
            errors.add(new FieldError(outside.field(), outside.getMessage()));
        } else if (cause instanceof JargonFoundException jargon) {
            jargon.findings().forEach(f -> errors.add(new FieldError(f.field(),
                    "internal terms: " + String.join(", ", f.terms()))));
        } else if (cause instanceof ConstraintViolationException violations) {
            for (ConstraintViolation<?> v : violations.getConstraintViolations()) {
                if (errors.size() == MAX_ERRORS) {
                    break;
                }
                // Bean-validation messages describe the constraint ("must match ..."), never the value.
                errors.add(new FieldError(fieldOf(v.getPropertyPath()), v.getMessage()));
            }
        } else if (isJsonDecoding(cause)) {
            String field = jsonField(cause);
            if (field != null) {
                errors.add(new FieldError(field, messages(cause).contains(ApiDates.RANGE) ? ApiDates.RANGE
                        : "has the wrong type, format or value"));
            }
        } else if (cause instanceof ConversionErrorException conversion) {
            // Conversion messages can quote the value; only ApiDates' fixed sentence is passed through.
            boolean range = conversion.getConversionError().getCause() != null
                    && ApiDates.RANGE.equals(conversion.getConversionError().getCause().getMessage());
            errors.add(new FieldError(wireName(conversion.getArgument().getName()),
                    range ? ApiDates.RANGE : "has the wrong type or format"));
        } else if (cause instanceof UnsatisfiedArgumentException unsatisfied) {
            errors.add(new FieldError(wireName(unsatisfied.getArgument().getName()), "is required"));
        }
        return errors;
    }

    /** {@code createInmate.inmateInput.cpr} becomes {@code cpr}; {@code searchInmates.count} becomes {@code _count}. */
    private static String fieldOf(Path path) {
        List<String> names = new ArrayList<>();
        for (Path.Node node : path) {
            if (node.getName() != null) {
                names.add(node.getName() + (node.getIndex() != null ? "[" + node.getIndex() + "]" : ""));
            }
        }
        if (names.size() <= 1) {
            return names.isEmpty() ? "" : wireName(names.get(0));
        }
        List<String> field = names.subList(names.size() == 2 ? 1 : 2, names.size());
        return field.size() == 1 ? wireName(field.get(0)) : String.join(".", field);
    }

    private static String wireName(String javaName) {
        return WIRE_NAMES.getOrDefault(javaName, javaName);
    }

    /** The JSON property a decoding failure is about, if the decoder said. */
    private static String jsonField(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidPropertyFormatException property && property.getArgument() != null
                    && !property.getArgument().getName().isEmpty() && !property.getArgument().getName().equals(property.getArgument().getType().getSimpleName())) {
                return property.getArgument().getName();
            }
        }
        var m = SERDE_PROPERTY.matcher(messages(cause));
        return m.find() ? m.group(1) : null;
    }

    /** The messages of the cause chain, read only to find a property name; never shown. */
    private static String messages(Throwable cause) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = cause; t != null && all.length() < 10_000; t = t.getCause() == t ? null : t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static boolean isJsonDecoding(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            if (name.startsWith("io.micronaut.serde") || name.startsWith("com.fasterxml.jackson")
                    || name.equals("io.micronaut.json.JsonSyntaxException")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
