package dk.overgang.sdk.examples;

import dk.overgang.sdk.OvergangApiException;
import dk.overgang.sdk.OvergangClient;
import dk.overgang.sdk.Pages;
import dk.overgang.sdk.model.KspEntry;
import dk.overgang.sdk.model.KspList;
import dk.overgang.sdk.model.KspListDiff;
import dk.overgang.sdk.model.KspMeeting;
import dk.overgang.sdk.model.KspMeetingPage;
import java.net.URI;
import java.time.LocalDate;

/**
 * What a municipality's KSP coordinator runs before a meeting: for each coming KSP meeting the
 * municipality takes part in, the latest version of the list, and what changed since the version
 * the coordinator saw last ({@code seenVersion}). Prints names and reasons, never CPR numbers.
 *
 * <p>Run against a local server ({@code deploy/run-dev}):
 * <pre>
 * OVERGANG_TOKEN=$(deploy/dev-token --org-type municipality --org-id 101 --scope "user/KspList.rs") \
 *   mvn -q -f client-sdk exec:java -Dexec.mainClass=dk.overgang.sdk.examples.KspMeetingBrief \
 *   -Dexec.args="http://localhost:8080 1"
 * </pre>
 */
public final class KspMeetingBrief {

    private KspMeetingBrief() {
    }

    public static void main(String[] args) {
        URI base = URI.create(args.length > 0 ? args[0] : "http://localhost:8080");
        int seenVersion = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        String token = System.getenv("OVERGANG_TOKEN");
        if (token == null || token.isBlank()) {
            System.err.println("Set OVERGANG_TOKEN to a token with user/KspList.rs (see the README).");
            System.exit(2);
        }
        OvergangClient client = OvergangClient.builder(base).token(() -> token).build();
        Pages.stream(cursor -> client.ksp().searchKspMeetings(null, LocalDate.now(), 50, cursor),
                        KspMeetingPage::getItems, KspMeetingPage::getLinks)
                .filter(m -> m.getLatestListVersion() != null)
                .forEach(m -> brief(client, m, seenVersion));
    }

    static void brief(OvergangClient client, KspMeeting meeting, int seenVersion) {
        KspList list = OvergangApiException.call(() -> client.ksp().readKspList(meeting.getId()));
        System.out.println(meeting.getForumName() + ", " + meeting.getDate() + ", " + meeting.getPlace() + ": version "
                + list.getMeta().getVersionId() + ", " + list.getEntries().size() + " sager");
        int latest = meeting.getLatestListVersion();
        if (seenVersion >= 1 && seenVersion < latest) {
            KspListDiff diff = OvergangApiException.call(() -> client.ksp().diffKspList(meeting.getId(), seenVersion, latest));
            diff.getAdded().forEach(e -> System.out.println("  + " + line(e)));
            diff.getRemoved().forEach(e -> System.out.println("  - " + line(e)));
            diff.getChanged().forEach(c -> System.out.println("  ~ " + line(c.getAfter()) + " (ændret: "
                    + String.join(", ", c.getFields()) + ")"));
        }
    }

    private static String line(KspEntry e) {
        return e.getName() + ": " + e.getReason();
    }
}
