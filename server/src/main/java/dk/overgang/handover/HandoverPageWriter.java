package dk.overgang.handover;

import dk.overgang.api.generated.model.Handover;
import dk.overgang.api.generated.model.HandoverDocument;
import dk.overgang.api.generated.model.HandoverNeed;
import dk.overgang.web.Html;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.MutableHeaders;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.body.MessageBodyWriter;
import io.micronaut.http.codec.CodecException;
import jakarta.inject.Singleton;
import java.io.OutputStream;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The handover as a page for the caseworker ({@code Accept: text/html}): Danish, printable, no
 * script, styles inline in the page itself (nothing fetched from elsewhere). Every value is escaped.
 */
@Singleton
@Produces(MediaType.TEXT_HTML)
public class HandoverPageWriter implements MessageBodyWriter<Handover> {

    private static final Map<String, String> RISK = Map.of("very-low", "Meget lav", "low", "Lav", "medium", "Middel",
            "high", "Høj", "very-high", "Meget høj");
    private static final Map<String, String> DOMAIN = Map.of("criminal-history", "Kriminel fortid",
            "education-employment", "Uddannelse og beskæftigelse", "family-marital", "Familie og partner",
            "leisure-recreation", "Fritid", "companions", "Omgangskreds", "alcohol-drug", "Alkohol og stoffer",
            "procriminal-attitude", "Holdning til kriminalitet", "antisocial-pattern", "Adfærdsmønster");
    private static final Map<String, String> LEVEL = Map.of("low", "lavt", "medium", "middel", "high", "højt");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d. MMMM yyyy", Locale.forLanguageTag("da-DK"));

    /** Only for a request that asked for a page; every other answer stays JSON. */
    @Override
    public boolean isWriteable(Argument<Handover> type, MediaType mediaType) {
        return mediaType != null && MediaType.TEXT_HTML.equals(mediaType.getName());
    }

    @Override
    public void writeTo(Argument<Handover> type, MediaType mediaType, Handover handover, MutableHeaders headers,
                        OutputStream out) throws CodecException {
        Html.write(page(handover), headers, out);
    }

    static String page(Handover h) {
        HandoverDocument d = h.getDocument();
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html><html lang=\"da\"><head><meta charset=\"utf-8\"><title>Overlevering – ")
                .append(esc(d.getInmateName())).append("</title><style>")
                .append("body{font-family:system-ui,Arial,sans-serif;max-width:46rem;margin:2rem auto;color:#1b1b1b;line-height:1.5}")
                .append("h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:1.6rem;border-bottom:1px solid #ccc}")
                .append(".meta{color:#555}.risk{background:#f3f3f3;border-left:6px solid #b00020;padding:.6rem 1rem}")
                .append(".need{margin:.5rem 0}.need b{display:block}.status{float:right;border:1px solid #555;padding:.1rem .5rem}")
                .append("footer{margin-top:2rem;font-size:.8rem;color:#555;word-break:break-all}@media print{.status{border-color:#000}}")
                .append("</style></head><body>");
        html.append("<span class=\"status\">").append(esc(status(h))).append("</span>");
        html.append("<h1>Overlevering ved løsladelse</h1><p class=\"meta\">").append(esc(d.getInmateName()))
                .append(" · handlekommune ").append(esc(d.getActingMunicipality()));
        if (d.getExpectedReleaseDate() != null) {
            html.append(" · forventet løsladelse ").append(esc(DATE.format(d.getExpectedReleaseDate())));
        }
        html.append("</p><h2>Risiko for ny kriminalitet: ").append(esc(RISK.get(d.getRiskLevel().getValue()))).append("</h2>")
                .append("<p class=\"risk\">").append(esc(d.getRiskText())).append("</p>");
        html.append("<h2>Hvad kommunens indsats bør tage fat på</h2>");
        if (d.getNeeds().isEmpty()) {
            html.append("<p>Der er ingen særlige behov at fremhæve.</p>");
        }
        for (HandoverNeed need : d.getNeeds()) {
            html.append("<div class=\"need\"><b>").append(esc(DOMAIN.get(need.getDomain().getValue()))).append(" (behov: ")
                    .append(esc(LEVEL.get(need.getLevel().getValue()))).append(")</b>").append(esc(need.getText())).append("</div>");
        }
        html.append("<h2>Handleplanens prioriteter</h2>");
        if (d.getPriorities().isEmpty()) {
            html.append("<p>Handleplanen angiver ingen prioriteter.</p>");
        } else {
            html.append("<ol>");
            d.getPriorities().forEach(p -> html.append("<li>").append(esc(p)).append("</li>"));
            html.append("</ol>");
        }
        html.append("<h2>Mentor</h2><p>").append(esc(d.getMentorRecommendation())).append("</p>");
        html.append("<footer>Udarbejdet af ").append(esc(h.getDraftedBy()));
        if (h.getApprovedBy() != null) {
            html.append(" · godkendt og sendt af ").append(esc(h.getApprovedBy())).append(" (LS/RNR-uddannet)");
        }
        if (h.getAcknowledgedBy() != null) {
            html.append(" · kvitteret af ").append(esc(h.getAcknowledgedBy()));
        }
        html.append("<br>Grundlag: LS/RNR-udredning ").append(esc(String.valueOf(d.getProvenance().getAssessmentId())))
                .append(" version ").append(esc(d.getProvenance().getAssessmentVersion())).append(", handleplan ")
                .append(esc(String.valueOf(d.getProvenance().getActionPlanId()))).append(" version ")
                .append(esc(d.getProvenance().getActionPlanVersion()));
        if (h.getSignature() != null) {
            html.append("<br>Signeret (JWS, nøgler på /.well-known/jwks.json).");
        }
        return html.append("</footer></body></html>").toString();
    }

    private static String status(Handover h) {
        return switch (h.getStatus().getValue()) {
            case "draft" -> "Kladde – ikke sendt";
            case "superseded" -> "Erstattet af en rettet udgave";
            default -> h.getAcknowledgedAt() != null ? "Sendt og kvitteret" : "Sendt";
        };
    }

    private static String esc(String value) {
        return Html.escape(value);
    }
}
