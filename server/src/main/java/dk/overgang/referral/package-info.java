/**
 * Consent and referrals to civil-society programmes (issue 13): prison staff or the acting
 * municipality record the person's consent and refer an eligible person; the programme sees its
 * referrals only through {@link dk.overgang.access.ConsentCheck} (a valid consent today, only the
 * consented data items, never CPR, LS/RNR or offence data) and reports their status. Depends on
 * {@code access}, {@code audit}, {@code pipeline} (scope, idempotency, audit and events of every operation), {@code programme} (eligibility), {@code rules}
 * and {@code shared}, and in its HTTP layer on {@code web} and the generated API.
 */
@AllowedDependencies({"pipeline", "access", "audit", "database", "programme", "rules", "shared", "web", "api"})
package dk.overgang.referral;

import dk.overgang.shared.AllowedDependencies;
