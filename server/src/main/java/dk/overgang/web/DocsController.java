package dk.overgang.web;

import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The contract and its interactive docs. {@code /api/v1/openapi.yaml} serves the very file the
 * server was generated from. {@code /docs} is Swagger UI, whose scripts and styles Overgang serves
 * itself (from the swagger-ui webjar under {@code /docs/swagger-ui/}), never from a CDN, under a
 * Content-Security-Policy that allows nothing from elsewhere.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
public class DocsController {

    static final String DOCS_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    private final byte[] openapi;
    private final byte[] docsPage;

    public DocsController(ResourceResolver resources) {
        this.openapi = read(resources, "classpath:openapi/openapi.yaml");
        this.docsPage = read(resources, "classpath:docs/index.html");
    }

    @Get(uri = "/api/v1/openapi.yaml", produces = "application/yaml")
    public HttpResponse<byte[]> openapi() {
        return HttpResponse.ok(openapi).contentType("application/yaml");
    }

    @Get(uri = "/docs", produces = MediaType.TEXT_HTML)
    public HttpResponse<byte[]> docs() {
        return HttpResponse.ok(docsPage).contentType(MediaType.TEXT_HTML_TYPE.toString() + ";charset=utf-8")
                .header("Content-Security-Policy", DOCS_CSP);
    }

    private static byte[] read(ResourceResolver resources, String path) {
        try (InputStream in = resources.getResourceAsStream(path)
                .orElseThrow(() -> new IllegalStateException(path + " is missing from the build"))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
