package dk.overgang.web;

import dk.overgang.access.ContractOperations;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/**
 * The deprecation policy made visible (issue 16, README "Versioning and deprecation"): an operation
 * the contract marks {@code deprecated: true} answers with {@code Deprecation} (RFC 9745, the date it
 * was deprecated) and, when the contract names one, {@code Sunset} (RFC 8594, the date it goes). The
 * dates are the operation's {@code deprecatedSince} and {@code sunset} in the contract's
 * {@code x-operation-extra-annotation}, read from the one table of operations
 * ({@link ContractOperations}); ContractOperationsTest holds them to the contract's {@code deprecated}
 * flags. Issue 28: this no longer parses the whole contract at startup (a tenth of its CPU).
 * Nothing is deprecated today.
 */
@ServerFilter("/**")
public class DeprecationHeaders {

    /** The headers of one deprecated operation. */
    record Notice(String deprecation, String sunset) {
    }

    private final ContractOperations operations;
    private final Map<String, Notice> notices = new HashMap<>();

    DeprecationHeaders(ContractOperations operations) {
        this.operations = operations;
        for (ContractOperations.Operation op : operations.all()) {
            if (!op.deprecatedSince().isEmpty()) {
                notices.put(op.operationId(), notice(op.deprecatedSince(), op.sunset()));
            }
        }
    }

    @ResponseFilter
    void mark(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (notices.isEmpty()) {
            return;
        }
        operations.of(request).map(op -> notices.get(op.operationId())).ifPresent(n -> {
            response.header("Deprecation", n.deprecation());
            if (n.sunset() != null) {
                response.header("Sunset", n.sunset());
            }
        });
    }

    /** The headers for an operation deprecated on {@code since} that goes on {@code sunset} (empty: not set). */
    static Notice notice(String since, String sunset) {
        return new Notice("@" + LocalDate.parse(since).atStartOfDay(ZoneOffset.UTC).toEpochSecond(),
                sunset.isEmpty() ? null : DateTimeFormatter.RFC_1123_DATE_TIME.format(LocalDate.parse(sunset).atStartOfDay(ZoneOffset.UTC)));
    }
}
