package dk.overgang.access;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.regex.Pattern;

/**
 * The claims every Overgang token must carry, checked before any controller runs (a failure is a
 * 401): {@code exp} present and not passed, {@code nbf} (if present) reached, {@code iat} present
 * and not in the future, all with a small clock skew; a lifetime {@code exp - iat} of at most
 * {@code overgang.jwt.max-lifetime} (default 1 hour); {@code sub}; a known {@code org_type}; a well-formed {@code org_id} (a 3-digit code for
 * municipalities, R20). micronaut-security's own expiry check has no skew and accepts a token
 * without {@code exp}, so it is switched off in favour of this one; so is its issuer check, as
 * there are two issuers (the identity provider's, {@code OVERGANG_JWT_ISSUER}, and Overgang's own,
 * {@code OVERGANG_TOKEN_ISSUER}); the audience stays with micronaut-security's validator.
 */
@Singleton
public class RequiredClaimsValidator<T> implements GenericJwtClaimsValidator<T> {

    private static final Pattern ORG_ID = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");
    private static final Pattern MUNICIPALITY_CODE = Pattern.compile("^[0-9]{3}$");
    private static final int MAX_SUB_LENGTH = 256;

    private final Duration skew;
    private final Duration maxLifetime;
    private final Clock clock;
    private final String issuer;
    private final TokenSigningKeys ownKeys;

    public RequiredClaimsValidator(@Value("${overgang.jwt.clock-skew:60s}") Duration skew,
                                   @Value("${overgang.jwt.max-lifetime:1h}") Duration maxLifetime, Clock clock,
                                   @Value("${overgang.jwt.issuer}") String issuer, TokenSigningKeys ownKeys) {
        this.skew = skew;
        this.maxLifetime = maxLifetime;
        this.clock = clock;
        this.issuer = issuer;
        this.ownKeys = ownKeys;
    }

    @Override
    public boolean validate(Claims claims, @Nullable T request) {
        // The identity provider's issuer, or Overgang's own when it issues tokens (the signature was
        // checked with the keys of exactly that issuer: JwksSignatureConfiguration).
        Object iss = claims.get("iss");
        if (!issuer.equals(iss) && !ownKeys.isOwnIssuer(iss)) {
            return false;
        }
        Instant now = clock.instant();
        Instant exp = instant(claims.get("exp"));
        if (exp == null || now.isAfter(exp.plus(skew))) {
            return false;
        }
        // RFC 9068 §2.2: iat is required; not from the future, and the token lives at most maxLifetime.
        Instant iat = instant(claims.get("iat"));
        if (iat == null || iat.isAfter(now.plus(skew)) || Duration.between(iat, exp).compareTo(maxLifetime) > 0) {
            return false;
        }
        Object nbf = claims.get("nbf");
        if (nbf != null && (instant(nbf) == null || now.isBefore(instant(nbf).minus(skew)))) {
            return false;
        }
        if (!(claims.get("sub") instanceof String sub) || sub.isBlank() || sub.length() > MAX_SUB_LENGTH) {
            return false;
        }
        var orgType = OrgType.fromClaim(claims.get("org_type"));
        if (orgType.isEmpty() || !(claims.get("org_id") instanceof String orgId) || !ORG_ID.matcher(orgId).matches()) {
            return false;
        }
        return orgType.get() != OrgType.MUNICIPALITY || MUNICIPALITY_CODE.matcher(orgId).matches();
    }

    private static Instant instant(Object value) {
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof Number seconds) {
            return Instant.ofEpochSecond(seconds.longValue());
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        return null;
    }
}
