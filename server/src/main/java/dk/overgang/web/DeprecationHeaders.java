package dk.overgang.web;

import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The deprecation policy made visible (issue 16, README "Versioning and deprecation"): an operation
 * the contract marks {@code deprecated: true} answers with {@code Deprecation} (RFC 9745, the date it
 * was deprecated, from {@code x-deprecated-since}) and, when the contract names one in
 * {@code x-sunset}, {@code Sunset} (RFC 8594, the date it goes). Read from the served contract itself,
 * so the headers and the document never disagree. Nothing is deprecated today.
 */
@ServerFilter("/**")
public class DeprecationHeaders {

    /** The headers of one deprecated operation. */
    record Notice(String deprecation, String sunset) {
    }

    private final Map<String, Notice> notices;

    DeprecationHeaders(ResourceResolver resources) {
        try (InputStream in = resources.getResourceAsStream("classpath:openapi/openapi.yaml")
                .orElseThrow(() -> new IllegalStateException("openapi.yaml is missing from the build"))) {
            this.notices = notices(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ResponseFilter
    void mark(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (notices.isEmpty()) {
            return;
        }
        BasicHttpAttributes.getUriTemplate(request).map(t -> notices.get(request.getMethodName() + " " + t)).ifPresent(n -> {
            response.header("Deprecation", n.deprecation());
            if (n.sunset() != null) {
                response.header("Sunset", n.sunset());
            }
        });
    }

    /** {@code "GET /api/v1/x/{id}"} to its headers, for every operation the contract deprecates. */
    @SuppressWarnings("unchecked")
    static Map<String, Notice> notices(String contract) {
        Map<String, Object> spec = new Yaml(new SafeConstructor(new LoaderOptions())).load(contract);
        Map<String, Notice> notices = new HashMap<>();
        Map<String, Object> paths = (Map<String, Object>) spec.getOrDefault("paths", Map.of());
        for (var path : paths.entrySet()) {
            for (var operation : ((Map<String, Object>) path.getValue()).entrySet()) {
                if (!List.of("get", "put", "post", "delete", "patch").contains(operation.getKey())
                        || !(operation.getValue() instanceof Map<?, ?> op) || !Boolean.TRUE.equals(op.get("deprecated"))) {
                    continue;
                }
                Object since = op.get("x-deprecated-since");
                Object sunset = op.get("x-sunset");
                if (since == null) {
                    throw new IllegalStateException(path.getKey() + " is deprecated without x-deprecated-since");
                }
                notices.put(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                        new Notice("@" + date(since).atStartOfDay(ZoneOffset.UTC).toEpochSecond(),
                                sunset == null ? null : DateTimeFormatter.RFC_1123_DATE_TIME.format(
                                        date(sunset).atStartOfDay(ZoneOffset.UTC))));
            }
        }
        return Map.copyOf(notices);
    }

    private static LocalDate date(Object value) {
        return value instanceof java.util.Date d ? d.toInstant().atZone(ZoneOffset.UTC).toLocalDate()
                : LocalDate.parse(String.valueOf(value));
    }
}
