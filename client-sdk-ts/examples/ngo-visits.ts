/**
 * An NGO volunteer system's daily task: list the programme's referrals (only people whose consent
 * is valid today, and only the data items they consented to), and record a visit on one of them.
 *
 *   OVERGANG_URL=http://localhost:8080 OVERGANG_TOKEN=<ngo token with user/Referral.rus> \
 *   OVERGANG_PROGRAMME=roede-kors-besoegstjeneste node dist/examples/ngo-visits.js [referral id]
 *
 * Prints one line per referral and, for the visit, the referral's new state as JSON.
 */
import { createOvergang, ifMatch, problemOf, NgoReferral } from '../src';

async function main(): Promise<number> {
  const token = process.env.OVERGANG_TOKEN;
  if (!token) {
    console.error('Set OVERGANG_TOKEN to an NGO token of the programme (scopes user/Referral.rus).');
    return 2;
  }
  const programmeId = process.env.OVERGANG_PROGRAMME ?? 'roede-kors-besoegstjeneste';
  const overgang = createOvergang({ baseUrl: process.env.OVERGANG_URL ?? 'http://localhost:8080', token });

  const referrals: NgoReferral[] = [];
  let cursor: string | undefined;
  do {
    const page = await overgang.referrals.searchProgrammeReferrals({ programmeId, count: 100, cursor });
    referrals.push(...page.items);
    cursor = page.links.next ? new URL(page.links.next, 'http://x').searchParams.get('_cursor') ?? undefined : undefined;
  } while (cursor);
  for (const r of referrals) {
    const who = [r.person.firstName, r.person.ageBand, r.person.institution].filter(Boolean).join(', ');
    console.log(`${r.id}  ${r.status.padEnd(8)}  besøg: ${r.visitsHeld}  ${who}`);
  }

  const wanted = process.argv[2];
  const target = referrals.find((r) => (wanted ? r.id === wanted : r.status === 'active' || r.status === 'accepted'));
  if (!target) {
    console.log('Ingen aktive forløb at registrere et besøg på.');
    return 0;
  }
  const nextVisit = new Date(Date.now() + 14 * 24 * 3600 * 1000);
  try {
    const updated = await overgang.referrals.updateReferralStatus({
      programmeId,
      id: target.id,
      ifMatch: ifMatch(target.meta),
      referralStatusInput: { status: 'active', visitsHeld: target.visitsHeld + 1, nextVisit },
    });
    console.log(JSON.stringify({ id: updated.id, status: updated.status, visitsHeld: updated.visitsHeld,
      nextVisit: updated.nextVisit?.toISOString().substring(0, 10), version: updated.meta.versionId }));
    return 0;
  } catch (e) {
    const problem = await problemOf(e);
    console.error(problem ? `${problem.status} ${problem.title}: ${problem.detail ?? ''}` : e);
    return 1;
  }
}

main().then((code) => process.exit(code), (e) => {
  console.error(e);
  process.exit(1);
});
