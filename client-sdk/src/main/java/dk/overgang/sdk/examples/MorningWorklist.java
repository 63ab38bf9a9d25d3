package dk.overgang.sdk.examples;

import dk.overgang.sdk.OvergangApiException;
import dk.overgang.sdk.OvergangClient;
import dk.overgang.sdk.Pages;
import dk.overgang.sdk.model.ObligationKind;
import dk.overgang.sdk.model.ReleaseMeeting;
import dk.overgang.sdk.model.WorklistItem;
import dk.overgang.sdk.model.WorklistPage;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a municipal case system runs every morning: its worklist from Overgang, everything the law
 * requires of the municipality that is overdue or due within {@code days} days (decisions on one-off
 * benefits, R13; notices of a changed acting municipality, R20) and the release meetings it is invited
 * to (R10, with time, place and video link read from the meeting), exported as CSV for the
 * caseworkers' queue. Paging and the token are handled by the SDK helpers; errors arrive typed.
 *
 * <p>Against a local server ({@code deploy/run-dev}):
 * <pre>
 * OVERGANG_TOKEN=$(deploy/dev-token --org-type municipality --org-id 101 --scope "system/ActionPlan.s system/ReleaseMeeting.r") \
 *   mvn -q -f client-sdk exec:java -Dexec.mainClass=dk.overgang.sdk.examples.MorningWorklist \
 *   -Dexec.args="http://localhost:8080 30"
 * </pre>
 */
public final class MorningWorklist {

    static final String HEADER = "dueDate,status,rule,task,inmateId,name,reason,meeting";

    private MorningWorklist() {
    }

    public static void main(String[] args) {
        URI base = URI.create(args.length > 0 ? args[0] : "http://localhost:8080");
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Supplier<String> token = () -> {
            // A real integration asks its identity provider here (and caches until expiry).
            String value = System.getenv("OVERGANG_TOKEN");
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("Set OVERGANG_TOKEN to a token for your municipality (see the README).");
            }
            return value;
        };
        OvergangClient client = OvergangClient.builder(base).token(token).build();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try {
            csv(client, LocalDate.now().plusDays(days)).forEach(out::println);
        } catch (OvergangApiException e) {
            System.err.println("Overgang refused: " + e.kind() + " (" + e.status() + ") "
                    + e.problem().map(p -> p.getDetail()).orElse(""));
            System.exit(1);
        }
    }

    /** The worklist up to {@code to} as CSV lines, header first; invitations carry the meeting's time, place and link. */
    public static List<String> csv(OvergangClient client, LocalDate to) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        Pages.stream(cursor -> client.obligations().readWorklist(null, to, 100, cursor),
                        WorklistPage::getItems, WorklistPage::getLinks)
                .forEach(item -> lines.add(row(client, item)));
        return lines;
    }

    private static String row(OvergangClient client, WorklistItem item) {
        var o = item.getObligation();
        String meeting = "";
        if (o.getKind() == ObligationKind.RELEASE_MEETING_INVITATION && item.getReleaseMeetingId() != null) {
            ReleaseMeeting m = OvergangApiException.call(() -> client.releaseMeetings().readReleaseMeeting(item.getReleaseMeetingId()));
            meeting = m.getStartsAt() + " " + (m.getPlace() == null ? "" : m.getPlace())
                    + (m.getVideoLink() == null ? "" : " " + m.getVideoLink());
        }
        return String.join(",", String.valueOf(o.getDueDate()), o.getStatus().getValue(), o.getRule(), csv(o.getTitle()),
                item.getInmateId().toString(), csv(item.getInmateName()), csv(o.getReason()), csv(meeting.trim()));
    }

    private static String csv(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
