package dk.overgang.sdk.examples;

import dk.overgang.sdk.OvergangClient;
import dk.overgang.sdk.Pages;
import dk.overgang.sdk.SmartBackendTokens;
import dk.overgang.sdk.model.Inmate;
import dk.overgang.sdk.model.InmatePage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What a municipal case system runs each morning: every inmate for whom the municipality is the
 * acting municipality (R20) and who is expected to be released in the next {@code days} days,
 * printed as CSV (id, name, expected release, institution). No CPR number in the export: look a
 * person up in the case system by id when needed.
 *
 * <p>Run against a local server ({@code deploy/run-dev}) as a registered client (README, "Tokens for
 * client systems": OVERGANG_CLIENT_ID and OVERGANG_CLIENT_KEY), or with a dev token:
 * <pre>
 * OVERGANG_TOKEN=$(deploy/dev-token --org-type municipality --org-id 101 --scope "system/Inmate.rs") \
 *   mvn -q -f client-sdk exec:java -Dexec.mainClass=dk.overgang.sdk.examples.MunicipalInmateList \
 *   -Dexec.args="http://localhost:8080 101 365"
 * </pre>
 */
public final class MunicipalInmateList {

    private MunicipalInmateList() {
    }

    public static void main(String[] args) throws IOException {
        URI base = URI.create(args.length > 0 ? args[0] : "http://localhost:8080");
        String municipality = args.length > 1 ? args[1] : "101";
        int days = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        OvergangClient client = OvergangClient.builder(base).token(tokens(base)).build();
        LocalDate today = LocalDate.now();

        Stream<Inmate> releases = Pages.stream(
                cursor -> client.inmates().searchInmates(null, municipality, null, today, today.plusDays(days), 100, cursor),
                InmatePage::getItems, InmatePage::getLinks);

        System.out.println("id,name,expectedReleaseDate,currentInstitution");
        releases.forEach(inmate -> System.out.println(String.join(",", inmate.getId().toString(),
                csv(inmate.getName()), String.valueOf(inmate.getExpectedReleaseDate()), inmate.getCurrentInstitution())));
    }

    /**
     * A registered client (OVERGANG_CLIENT_ID, and OVERGANG_CLIENT_KEY: the file of its private JWK)
     * gets and renews its own tokens from Overgang's token endpoint (SMART Backend Services); a token
     * from elsewhere (OVERGANG_TOKEN) works too, until it expires.
     */
    static Supplier<String> tokens(URI base) throws IOException {
        String clientId = System.getenv("OVERGANG_CLIENT_ID");
        String keyFile = System.getenv("OVERGANG_CLIENT_KEY");
        if (clientId != null && keyFile != null) {
            return SmartBackendTokens.builder(base, clientId, SmartBackendTokens.readKey(Path.of(keyFile)))
                    .scope("system/Inmate.rs").build();
        }
        String token = System.getenv("OVERGANG_TOKEN");
        if (token == null || token.isBlank()) {
            System.err.println("Set OVERGANG_CLIENT_ID and OVERGANG_CLIENT_KEY (a registered client), or OVERGANG_TOKEN"
                    + " (see the README).");
            System.exit(2);
        }
        return () -> token;
    }

    private static String csv(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
