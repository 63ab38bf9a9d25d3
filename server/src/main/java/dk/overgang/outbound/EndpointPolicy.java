package dk.overgang.outbound;

import dk.overgang.shared.InvalidFieldException;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where Overgang may post (issue 14; SSRF): {@code https} only, a host name or address that resolves
 * only to public addresses (no loopback, link-local incl. the 169.254.169.254 metadata service,
 * private, carrier-grade NAT, unique-local IPv6, multicast or unspecified), no user info, no fragment.
 * Checked when a subscription is made and again before every delivery (DNS may change). With
 * {@code overgang.webhooks.allow-insecure-endpoints} (dev and tests only) plain http and local
 * addresses are allowed, for receivers on the developer's machine.
 */
@Singleton
public class EndpointPolicy {

    private final boolean allowInsecure;

    EndpointPolicy(@Value("${overgang.webhooks.allow-insecure-endpoints:false}") boolean allowInsecure) {
        this.allowInsecure = allowInsecure;
    }

    /** The endpoint, or 400 naming {@code endpoint} with the reason. */
    public URI validate(String endpoint) {
        return validate(endpoint, "endpoint");
    }

    /** The URL, or 400 naming {@code field} with the reason (also for other addresses Overgang calls out to). */
    public URI validate(String url, String field) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidFieldException(field, "is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowInsecure && scheme.equals("http"))) {
            throw new InvalidFieldException(field, "must be an https URL");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new InvalidFieldException(field, "must have a host and no user info or fragment");
        }
        String reason = unsafeAddress(uri.getHost());
        if (reason != null) {
            throw new InvalidFieldException(field, reason);
        }
        return uri;
    }

    /** Null when every address of {@code host} may be posted to; otherwise why not. */
    public String unsafeAddress(String host) {
        if (allowInsecure) {
            return null;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return "the host does not resolve";
        }
        for (InetAddress a : addresses) {
            if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isAnyLocalAddress()
                    || a.isMulticastAddress() || carrierGradeNat(a) || uniqueLocal(a)) {
                return "must not resolve to a loopback, link-local, private or metadata address";
            }
        }
        return null;
    }

    private static boolean carrierGradeNat(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64; // 100.64.0.0/10
    }

    private static boolean uniqueLocal(InetAddress a) {
        return a instanceof Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc; // fc00::/7
    }
}
