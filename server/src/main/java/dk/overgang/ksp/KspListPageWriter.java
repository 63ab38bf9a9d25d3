package dk.overgang.ksp;

import dk.overgang.api.generated.model.KspEntry;
import dk.overgang.api.generated.model.KspList;
import dk.overgang.web.Html;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.MutableHeaders;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.body.MessageBodyWriter;
import io.micronaut.http.codec.CodecException;
import jakarta.inject.Singleton;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * A KSP list version as the print-friendly page for the meeting ({@code Accept: text/html}): Danish,
 * landscape table, no script, inline styles only. Every value is escaped. The page says what it is:
 * confidential, for the meeting's participants, and one immutable version of the list.
 */
@Singleton
@Produces(MediaType.TEXT_HTML)
public class KspListPageWriter implements MessageBodyWriter<KspList> {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d. MMMM yyyy", Locale.forLanguageTag("da-DK"));
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d. MMMM yyyy 'kl.' HH.mm",
            Locale.forLanguageTag("da-DK"));
    private static final ZoneId DENMARK = ZoneId.of("Europe/Copenhagen");
    private static final Map<String, String> BASIS = Map.of(
            "released-from-institution", "Løsladt fra institution",
            "young-person-section-78", "Ung, straffuldbyrdelseslovens § 78",
            "remand-radicalisation", "Løsladt fra varetægt, radikalisering");
    private static final Map<String, String> ORG = Map.of("prison", "institution", "probation", "KiF",
            "municipality", "kommune", "police", "politi");

    @Override
    public boolean isWriteable(Argument<KspList> type, MediaType mediaType) {
        return mediaType != null && MediaType.TEXT_HTML.equals(mediaType.getName());
    }

    @Override
    public void writeTo(Argument<KspList> type, MediaType mediaType, KspList list, MutableHeaders headers, OutputStream out)
            throws CodecException {
        Html.write(page(list), headers, out);
    }

    static String page(KspList list) {
        StringBuilder html = new StringBuilder(8192);
        html.append("<!DOCTYPE html><html lang=\"da\"><head><meta charset=\"utf-8\"><title>KSP-liste – ")
                .append(esc(list.getForumName())).append(" – ").append(esc(date(list.getMeetingDate()))).append("</title><style>")
                .append("@page{size:A4 landscape;margin:1.2cm}body{font-family:system-ui,Arial,sans-serif;margin:1.5rem;color:#1b1b1b}")
                .append("h1{font-size:1.5rem;margin:0}.meta{color:#444;margin:.3rem 0 1rem}")
                .append(".confidential{border:2px solid #b00020;color:#b00020;padding:.3rem .6rem;font-weight:bold;display:inline-block}")
                .append("table{border-collapse:collapse;width:100%;margin-top:1rem;font-size:.9rem}")
                .append("th,td{border:1px solid #888;padding:.35rem .5rem;text-align:left;vertical-align:top}")
                .append("th{background:#eee}tr{page-break-inside:avoid}td.cpr{white-space:nowrap}")
                .append("footer{margin-top:1.5rem;font-size:.8rem;color:#444}")
                .append("</style></head><body>");
        html.append("<p class=\"confidential\">Fortroligt – kun for mødets deltagere</p>");
        html.append("<h1>KSP-liste: ").append(esc(list.getForumName())).append("</h1><p class=\"meta\">Møde ")
                .append(esc(date(list.getMeetingDate()))).append(", ").append(esc(list.getPlace())).append(" · version ")
                .append(esc(list.getMeta().getVersionId())).append(", offentliggjort ")
                .append(esc(TIME.format(list.getMeta().getLastUpdated().withZoneSameInstant(DENMARK))))
                .append(" af ").append(esc(list.getPublishedBy()));
        if (list.getChangeNote() != null) {
            html.append(" · ").append(esc(list.getChangeNote()));
        }
        html.append("</p>");
        if (list.getEntries().isEmpty()) {
            html.append("<p>Der er ingen sager på listen.</p>");
        } else {
            html.append("<table><thead><tr><th>#</th><th>Navn</th><th>CPR-nummer</th><th>Årsag til bekymring</th>")
                    .append("<th>Hjemmel</th><th>Foreslået af</th><th>Tid omkring løsladelsen</th></tr></thead><tbody>");
            int n = 1;
            for (KspEntry e : list.getEntries()) {
                html.append("<tr><td>").append(n++).append("</td><td>").append(esc(e.getName())).append("</td><td class=\"cpr\">")
                        .append(esc(e.getCpr())).append("</td><td>").append(esc(e.getReason())).append("</td><td>")
                        .append(esc(BASIS.get(e.getLegalBasis().getValue()))).append("</td><td>")
                        .append(esc(ORG.get(e.getProposedBy().getOrgType().getValue()))).append(' ')
                        .append(esc(e.getProposedBy().getOrgId())).append("</td><td>").append(esc(window(e))).append("</td></tr>");
            }
            html.append("</tbody></table>");
        }
        html.append("<footer>Listen føres af KiF som sekretariat for KSP-samarbejdet. En offentliggjort version kan ikke ")
                .append("ændres; hver ændring bliver en ny version. Oplysningerne må kun bruges til samarbejdet og ")
                .append("behandles af hver myndighed efter egne databeskyttelsesregler. Udveksling noteres i handleplanen, ")
                .append("og den indsatte orienteres, medmindre en leder har besluttet andet af beskyttelseshensyn.</footer>");
        return html.append("</body></html>").toString();
    }

    private static String window(KspEntry e) {
        var w = e.getWindow();
        return switch (w.getStatus().getValue()) {
            case "in-custody" -> "Endnu ikke løsladt";
            case "within" -> "Løsladt " + date(w.getReleasedOn()) + "; inden for tidsrummet til og med " + date(w.getEndsOn());
            case "overridden" -> "Uden for tidsrummet; optaget efter beslutning af " + w.getOverriddenBy() + ": "
                    + w.getOverrideReason();
            default -> "Ikke relevant for hjemmelen";
        };
    }

    private static String date(LocalDate date) {
        return date == null ? "ukendt dato" : DATE.format(date);
    }

    private static String esc(String value) {
        return Html.escape(value);
    }
}
