package dk.overgang.privacy;

import dk.overgang.api.generated.model.AccessSummary;
import dk.overgang.api.generated.model.SubjectAccessExport;
import dk.overgang.api.generated.model.SubjectAccessSection;
import dk.overgang.audit.ReadingLogPageWriter;
import dk.overgang.web.Html;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.MutableHeaders;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.body.MessageBodyWriter;
import io.micronaut.http.codec.CodecException;
import jakarta.inject.Singleton;
import java.io.OutputStream;
import java.util.Map;

/**
 * The subject-access export as a page in plain Danish ({@code Accept: text/html}, issue 17), for
 * prison staff to print and hand to the person: what is held, section by section, and how often it
 * was looked at. Field names the person would not understand are given in Danish where we have a
 * word for them; the rest are shown as stored. No script, inline styles only, every value escaped.
 */
@Singleton
@Produces(MediaType.TEXT_HTML)
public class SubjectAccessPageWriter implements MessageBodyWriter<SubjectAccessExport> {

    private static final Map<String, String> FIELD = Map.ofEntries(
            Map.entry("name", "Navn"), Map.entry("cpr", "CPR-nummer"), Map.entry("birth_date", "Fødselsdato"),
            Map.entry("custody_status", "Status"), Map.entry("current_institution", "Institution"),
            Map.entry("acting_municipality", "Handlekommune"), Map.entry("sentence_start", "Afsoning begyndt"),
            Map.entry("sentence_length_days", "Straffens længde (dage)"),
            Map.entry("expected_parole_date", "Forventet prøveløsladelse"),
            Map.entry("expected_release_date", "Forventet løsladelse"), Map.entry("actual_release_date", "Løsladt"),
            Map.entry("version", "Udgave"), Map.entry("last_updated", "Senest ændret"), Map.entry("status", "Status"),
            Map.entry("reason", "Begrundelse"), Map.entry("restricted", "Beskyttet"), Map.entry("changed_at", "Ændret"),
            Map.entry("due_date", "Frist"), Map.entry("kind", "Slags"), Map.entry("purpose", "Formål"),
            Map.entry("valid_from", "Gælder fra"), Map.entry("valid_until", "Gælder til"),
            Map.entry("withdrawn_at", "Trukket tilbage"), Map.entry("programme_id", "Tilbud"),
            Map.entry("meeting_date", "Mødedato"), Map.entry("place", "Sted"), Map.entry("occurred_at", "Tidspunkt"),
            Map.entry("type", "Slags besked"), Map.entry("deliveries", "Sendt til"), Map.entry("org_type", "Modtager"),
            Map.entry("org_id", "Navn/nummer"), Map.entry("delivered_at", "Modtaget"), Map.entry("text", "Tekst"),
            Map.entry("summary", "Resumé"), Map.entry("since", "Siden"), Map.entry("checkpoint_months", "Måneder efter løsladelsen"),
            Map.entry("released_on", "Løsladt"), Map.entry("recorded_on", "Registreret"),
            Map.entry("topic", "Om hvad"), Map.entry("informed_on", "Orienteret"), Map.entry("method", "Hvordan"),
            Map.entry("note", "Note"));

    @Override
    public boolean isWriteable(Argument<SubjectAccessExport> type, MediaType mediaType) {
        return mediaType != null && MediaType.TEXT_HTML.equals(mediaType.getName());
    }

    @Override
    public void writeTo(Argument<SubjectAccessExport> type, MediaType mediaType, SubjectAccessExport export,
                        MutableHeaders headers, OutputStream out) throws CodecException {
        Html.write(page(export), headers, out);
    }

    static String page(SubjectAccessExport export) {
        StringBuilder html = new StringBuilder(32_768);
        html.append("<!DOCTYPE html><html lang=\"da\"><head><meta charset=\"utf-8\"><title>Det har vi registreret om dig")
                .append("</title><style>body{font-family:system-ui,Arial,sans-serif;margin:1.5rem;color:#1b1b1b;max-width:60rem}")
                .append("h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:1.5rem}dl{margin:.5rem 0 1rem;padding:.5rem;")
                .append("border:1px solid #999}dt{font-weight:600}dd{margin:0 0 .35rem 1rem;white-space:pre-wrap}")
                .append(".note{background:#fff4d6;padding:.4rem}table{border-collapse:collapse}th,td{border:1px solid #888;")
                .append("padding:.3rem .5rem;text-align:left}</style></head><body>")
                .append("<h1>Det har vi registreret om dig</h1>")
                .append("<p>Her er alt, hvad der er registreret om dig i Overgang, den fælles løsning, som Kriminalforsorgen, ")
                .append("kommunen, politiet og frivillige organisationer bruger, når du skal løslades. Du har ret til at få ")
                .append("det at vide (databeskyttelsesforordningen, artikel 15). Udskrevet ")
                .append(Html.escape(ReadingLogPageWriter.when(export.getGeneratedAt()))).append(".</p>")
                .append("<p>Dine oplysninger er blevet brugt ").append(export.getAccessCount())
                .append(" gange. På siden <em>Hvem har set dine oplysninger</em> kan du se hvem, hvornår og hvorfor. ")
                .append("Er noget forkert, kan du bede om at få det rettet. Tal med din kontaktperson i Kriminalforsorgen.</p>");
        if (export.getAccessesByOrganisation() != null && !export.getAccessesByOrganisation().isEmpty()) {
            html.append("<h2>Hvem har set dine oplysninger</h2><table><thead><tr><th>Hvem</th><th>Antal gange</th></tr></thead><tbody>");
            for (AccessSummary a : export.getAccessesByOrganisation()) {
                html.append("<tr><td>").append(Html.escape(ReadingLogPageWriter.who(a.getOrgType()))).append(" ")
                        .append(Html.escape(a.getOrgId())).append("</td><td>").append(a.getCount()).append("</td></tr>");
            }
            html.append("</tbody></table>");
        }
        for (SubjectAccessSection section : export.getSections()) {
            html.append("<h2>").append(Html.escape(section.getTitle())).append("</h2>");
            if (section.getNote() != null) {
                html.append("<p class=\"note\">").append(Html.escape(section.getNote())).append("</p>");
            }
            if (section.getRecords().isEmpty()) {
                html.append("<p>Intet registreret.</p>");
                continue;
            }
            for (Map<String, Object> record : section.getRecords()) {
                html.append("<dl>");
                record.forEach((field, value) -> html.append("<dt>").append(Html.escape(FIELD.getOrDefault(field, field)))
                        .append("</dt><dd>").append(Html.escape(value == null ? "-" : String.valueOf(value))).append("</dd>"));
                html.append("</dl>");
            }
        }
        return html.append("</body></html>").toString();
    }
}
