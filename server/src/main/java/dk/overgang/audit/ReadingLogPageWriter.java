package dk.overgang.audit;

import dk.overgang.api.generated.model.ReadingLog;
import dk.overgang.api.generated.model.ReadingLogEntry;
import dk.overgang.web.Html;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.MutableHeaders;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.body.MessageBodyWriter;
import io.micronaut.http.codec.CodecException;
import jakarta.inject.Singleton;
import java.io.OutputStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The person's reading log as a page in plain Danish ({@code Accept: text/html}, issue 17), for prison
 * staff to print and hand to the person: who (which organisation) did what with which of the person's
 * records, and when. No script, inline styles only, every value escaped.
 */
@Singleton
@Produces(MediaType.TEXT_HTML)
public class ReadingLogPageWriter implements MessageBodyWriter<ReadingLog> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d. MMMM yyyy 'kl.' HH.mm",
            Locale.forLanguageTag("da-DK"));
    private static final ZoneId DENMARK = ZoneId.of("Europe/Copenhagen");
    private static final Map<String, String> WHO = Map.of("prison", "Kriminalforsorgen, institution",
            "probation", "Kriminalforsorgen i Frihed", "municipality", "Kommune", "police", "Politiet",
            "ngo", "Frivillig organisation", "auditor", "Tilsyn eller revision", "operator", "Overgangs drift");
    private static final Map<String, String> DID = Map.ofEntries(Map.entry("create", "oprettede"), Map.entry("read", "læste"),
            Map.entry("update", "ændrede"), Map.entry("search", "fandt i en søgning"),
            Map.entry("history", "læste tidligere udgaver af"), Map.entry("lookup", "slog op med dit CPR-nummer:"),
            Map.entry("fulfil", "noterede en opgave som løst i"), Map.entry("delete", "slettede"),
            Map.entry("approve", "godkendte"), Map.entry("acknowledge", "bekræftede modtagelsen af"),
            Map.entry("export", "udleverede en kopi af alt, hvad der er registreret om dig, herunder"));
    private static final Map<String, String> WHAT = Map.ofEntries(Map.entry("Inmate", "dine grundoplysninger"),
            Map.entry("ActionPlan", "din handleplan"), Map.entry("Handover", "overleveringen til kommunen"),
            Map.entry("KspList", "en KSP-liste, du står på"), Map.entry("Consent", "dit samtykke"),
            Map.entry("Referral", "din henvisning til en frivillig organisation"),
            Map.entry("Outcome", "opfølgningen efter løsladelsen"), Map.entry("Subscription", "en besked om dig"),
            Map.entry("AuditEvent", "denne oversigt"), Map.entry("LsRnrAssessment", "din risikovurdering (LS/RNR)"),
            Map.entry("ReleaseMeeting", "mødet før løsladelsen"), Map.entry("Programme", "et tilbud"),
            Map.entry("Municipality", "kommunens kontaktoplysninger"), Map.entry("Client", "et system"),
            Map.entry("RetentionRun", "sletningen af gamle oplysninger"));

    /** Why, in the words of the legal basis (issue 17). */
    private static final Map<String, String> WHY = Map.ofEntries(
            Map.entry("retention", "Sletning, fordi oplysningerne ikke må opbevares længere"),
            Map.entry("sentence-execution", "Kriminalforsorgens arbejde under din afsoning (handleplan og løsladelse)"),
            Map.entry("municipal-casework", "Kommunens sagsbehandling i samarbejdet om din handleplan og løsladelse"),
            Map.entry("supervision", "Tilsyn efter prøveløsladelse (Kriminalforsorgen i Frihed)"),
            Map.entry("crime-prevention", "Kriminalpræventivt samarbejde (KSP, retsplejelovens § 115)"),
            Map.entry("consent", "Dit samtykke til, at organisationen får oplysningerne"),
            Map.entry("oversight", "Kontrol med, at dine oplysninger behandles lovligt"),
            Map.entry("operations", "Drift og sikkerhed i Overgang"),
            Map.entry("subject-access", "Din ret til at se, hvad der er registreret om dig (databeskyttelsesforordningen, artikel 15)"),
            Map.entry("gang-exit", "Dit exitforløb ud af et bandemiljø"));

    /** Who, in Danish words for the person (shared with the subject-access page). */
    public static String who(String orgType) {
        return WHO.getOrDefault(orgType, orgType);
    }

    /** When, in Danish, Danish time (shared with the subject-access page). */
    public static String when(java.time.ZonedDateTime time) {
        return TIME.format(time.withZoneSameInstant(DENMARK));
    }

    @Override
    public boolean isWriteable(Argument<ReadingLog> type, MediaType mediaType) {
        return mediaType != null && MediaType.TEXT_HTML.equals(mediaType.getName());
    }

    @Override
    public void writeTo(Argument<ReadingLog> type, MediaType mediaType, ReadingLog log, MutableHeaders headers, OutputStream out)
            throws CodecException {
        Html.write(page(log), headers, out);
    }

    static String page(ReadingLog log) {
        StringBuilder html = new StringBuilder(8192);
        html.append("<!DOCTYPE html><html lang=\"da\"><head><meta charset=\"utf-8\"><title>Hvem har set dine oplysninger")
                .append("</title><style>body{font-family:system-ui,Arial,sans-serif;margin:1.5rem;color:#1b1b1b;max-width:60rem}")
                .append("h1{font-size:1.5rem}table{border-collapse:collapse;width:100%;margin-top:1rem}")
                .append("th,td{border:1px solid #888;padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#eee}")
                .append(".refused{color:#8a1c1c}</style></head><body>")
                .append("<h1>Hvem har set dine oplysninger</h1>")
                .append("<p>Her kan du se, hvem der har arbejdet med dine oplysninger i Overgang: hvornår, hvilken myndighed ")
                .append("eller organisation, og hvad de gjorde. Du har ret til at vide det (databeskyttelsesforordningen, artikel 15). ")
                .append("Har du spørgsmål, så tal med din kontaktperson i Kriminalforsorgen.</p>");
        if (log.getItems().isEmpty()) {
            html.append("<p>Der er ingen registreringer på denne side.</p>");
        } else {
            html.append("<table><thead><tr><th>Hvornår</th><th>Hvem</th><th>Hvad</th><th>Hvorfor</th></tr></thead><tbody>");
            for (ReadingLogEntry e : log.getItems()) {
                String outcome = e.getOutcome().getValue();
                boolean refused = !outcome.equals("success");
                html.append("<tr").append(refused ? " class=\"refused\"" : "").append("><td>")
                        .append(Html.escape(TIME.format(e.getRecorded().withZoneSameInstant(DENMARK)))).append("</td><td>")
                        .append(Html.escape(WHO.getOrDefault(e.getOrganisation().getOrgType(), e.getOrganisation().getOrgType())))
                        .append(" ").append(Html.escape(e.getOrganisation().getOrgId())).append("</td><td>");
                String did = DID.getOrDefault(e.getAction().getValue(), e.getAction().getValue());
                String what = WHAT.getOrDefault(e.getResourceType().getValue(), e.getResourceType().getValue());
                html.append(refused ? "Forsøgte, men fik ikke lov: " : "").append(Html.escape(did)).append(" ")
                        .append(Html.escape(what)).append("</td><td>")
                        .append(Html.escape(e.getPurpose() == null ? "Ikke registreret" : WHY.getOrDefault(e.getPurpose().getValue(),
                                e.getPurpose().getValue()))).append("</td></tr>");
            }
            html.append("</tbody></table>");
            if (log.getLinks().getNext() != null) {
                html.append("<p>Der er flere registreringer på næste side.</p>");
            }
        }
        return html.append("</body></html>").toString();
    }
}
