// Issue 34: the server as well-known third-party libraries see it, none of them written here.
//   oauth4webapi       RFC 8414 discovery and a client_credentials grant with private_key_jwt,
//                      its defaults untouched (aud = the issuer), and how it reads a refusal
//   @stoplight/prism   a contract-validating proxy: every answer of a session checked against
//                      api-spec/openapi.yaml (header sl-violations names what does not match; the
//                      requests that are wrong on purpose are not judged, their answers are)
//   standardwebhooks   the signature of a delivered webhook
//   cloudevents        the delivered event
// Run by server/src/test/java/dk/overgang/auth/StandardClientsTest against a server whose public URL
// is its token endpoint's origin. Prints "ok - ..." per check; exits 1 naming every failed one.
//
// Environment: OVERGANG_BASE (http://127.0.0.1:<port>), OVERGANG_CLIENT_ID, OVERGANG_CLIENT_JWK and
// OVERGANG_WRONG_JWK (private P-256 JWKs with kid: the registered key and one that is not).
import * as oauth from 'oauth4webapi';
import { Webhook } from 'standardwebhooks';
import { HTTP } from 'cloudevents';
import { spawn } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const base = process.env.OVERGANG_BASE;
const clientId = process.env.OVERGANG_CLIENT_ID;
const registered = JSON.parse(process.env.OVERGANG_CLIENT_JWK);
const wrong = JSON.parse(process.env.OVERGANG_WRONG_JWK);
const insecure = { [oauth.allowInsecureRequests]: true }; // the test server speaks http on 127.0.0.1
const failed = [];

function check(condition, what, detail) {
  if (condition) {
    console.log(`ok - ${what}`);
  } else {
    failed.push(what);
    console.log(`not ok - ${what}${detail === undefined ? '' : `: ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`}`);
  }
}

async function privateKey(jwk) {
  const { kid, ...material } = jwk;
  return { kid, key: await crypto.subtle.importKey('jwk', material, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']) };
}

async function token(as, jwk, scope) {
  const client = { client_id: clientId };
  const response = await oauth.clientCredentialsGrantRequest(as, client, oauth.PrivateKeyJwt(await privateKey(jwk)),
    new URLSearchParams({ scope }), insecure);
  return oauth.processClientCredentialsResponse(as, client, response);
}

// 1. Discovery where OAuth libraries look (RFC 8414), with the server's URL as issuer.
const issuer = new URL(base);
let as;
try {
  as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure }));
  check(as.token_endpoint === `${base}/oauth2/token`, 'RFC 8414 metadata at /.well-known/oauth-authorization-server names the token endpoint', as);
  check(as.token_endpoint_auth_methods_supported?.includes('private_key_jwt'), 'it offers private_key_jwt', as);
  const smart = await (await fetch(`${base}/.well-known/smart-configuration`)).json();
  check(smart.issuer === as.issuer && smart.token_endpoint === as.token_endpoint, 'it agrees with the SMART document', smart);
} catch (e) {
  check(false, 'RFC 8414 discovery with the issuer as the server URL', String(e));
}

// 2. A token with the library's defaults: the assertion's aud is the issuer (RFC 7523 §3).
let accessToken;
if (as) {
  try {
    const granted = await token(as, registered, 'system/Inmate.cruds system/Subscription.cruds');
    accessToken = granted.access_token;
    check(typeof accessToken === 'string' && granted.token_type.toLowerCase() === 'bearer', 'client_credentials with private_key_jwt, aud = issuer');
  } catch (e) {
    check(false, 'client_credentials with private_key_jwt, aud = issuer', `${e.name}: ${e.message} ${JSON.stringify(e.cause ?? '')}`);
  }
  // 3. A refusal the library can read: RFC 6749 §5.2 JSON, no Bearer challenge in the way.
  try {
    await token(as, wrong, 'system/Inmate.rs');
    check(false, 'an assertion signed with an unregistered key is refused');
  } catch (e) {
    check(e instanceof oauth.ResponseBodyError && e.error === 'invalid_client',
      'a refused assertion reads as invalid_client with its description', `${e.name}: ${e.error ?? ''} ${e.message}`);
  }
}

// 4. A session through a contract-validating proxy: no answer may differ from the contract.
const proxyPort = Number(process.env.OVERGANG_PROXY_PORT ?? 4010);
const prism = spawn(path.join(here, 'node_modules/.bin/prism'),
  ['proxy', path.join(here, '../../api-spec/openapi.yaml'), base, '--port', String(proxyPort), '--host', '127.0.0.1'],
  { stdio: ['ignore', 'pipe', 'pipe'] });
let prismLog = '';
prism.stdout.on('data', d => { prismLog += d; });
prism.stderr.on('data', d => { prismLog += d; });
const proxy = `http://127.0.0.1:${proxyPort}`;
for (let i = 0; i < 120; i++) {
  try {
    await fetch(`${proxy}/health`);
    break;
  } catch {
    await new Promise(r => setTimeout(r, 500));
  }
}

async function viaProxy(what, method, url, { body, headers = {}, expect }) {
  const response = await fetch(`${proxy}${url}`, {
    method, body, headers: { accept: 'application/json, application/problem+json', ...headers },
  });
  const text = await response.text();
  // Only the answer is judged: some requests here are wrong on purpose (no token, a missing field).
  const violations = JSON.parse(response.headers.get('sl-violations') ?? '[]').filter(v => v.location?.[0] !== 'request');
  check(response.status === expect && violations.length === 0, `proxied: ${what} (${method} ${url.replace(/[0-9a-f-]{36}/g, '{id}')})`,
    `status ${response.status}, expected ${expect}; violations ${JSON.stringify(violations)}; ${text.slice(0, 300)}`);
  return { response, text };
}

// A fresh person each run: born on a random day of 1960-1989, CPR ddmmyy-0nnn.
const day = 1 + Math.floor(Math.random() * 28);
const month = 1 + Math.floor(Math.random() * 12);
const year = 60 + Math.floor(Math.random() * 30);
const two = n => String(n).padStart(2, '0');
const born = `19${year}-${two(month)}-${two(day)}`;
const cpr = () => `${two(day)}${two(month)}${year}-0${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;

// 5. Webhooks: a receiver for the deliveries of this session's subscription.
const received = [];
const receiver = http.createServer((req, res) => {
  let body = '';
  req.on('data', c => { body += c; });
  req.on('end', () => {
    received.push({ headers: req.headers, body });
    res.writeHead(204).end();
  });
});
await new Promise(r => receiver.listen(0, '127.0.0.1', r));

if (accessToken) {
  const bearer = { authorization: `Bearer ${accessToken}` };
  const json = { ...bearer, 'content-type': 'application/json' };
  await viaProxy('discovery', 'GET', '/.well-known/oauth-authorization-server', { expect: 200 });
  await viaProxy('SMART discovery', 'GET', '/.well-known/smart-configuration', { expect: 200 });
  const sub = await viaProxy('a subscription', 'POST', '/api/v1/subscriptions', {
    headers: json, expect: 201,
    body: JSON.stringify({ endpoint: `http://127.0.0.1:${receiver.address().port}/hook`, eventTypes: ['admitted'] }),
  });
  const secret = JSON.parse(sub.text).secret;
  const created = await viaProxy('an admission', 'POST', '/api/v1/inmates', {
    headers: { ...json, 'idempotency-key': crypto.randomUUID() }, expect: 201,
    body: JSON.stringify({
      cpr: cpr(), name: 'Standard Klient', birthDate: born, custodyStatus: 'sentenced',
      expelledByJudgment: false, currentInstitution: process.env.OVERGANG_INSTITUTION, actingMunicipality: '101',
      sentenceStart: '2026-01-01', sentenceLengthDays: 400, expectedParoleDate: '2026-09-01', expectedReleaseDate: '2027-02-01',
    }),
  });
  const inmate = JSON.parse(created.text);
  const location = created.response.headers.get('location');
  check(location && new URL(location, `${proxy}/api/v1/inmates`).pathname === `/api/v1/inmates/${inmate.id}`,
    'Location resolves against the request URL to the created inmate', location);
  await viaProxy('a read', 'GET', `/api/v1/inmates/${inmate.id}`, { headers: bearer, expect: 200 });
  await viaProxy('its history', 'GET', `/api/v1/inmates/${inmate.id}/_history?_count=1`, { headers: bearer, expect: 200 });
  await viaProxy('a search', 'GET', `/api/v1/inmates?_count=2&institution=${process.env.OVERGANG_INSTITUTION}`, { headers: bearer, expect: 200 });
  await viaProxy('an unknown inmate', 'GET', `/api/v1/inmates/${crypto.randomUUID()}`, { headers: bearer, expect: 404 });
  await viaProxy('no token', 'GET', `/api/v1/inmates/${inmate.id}`, { expect: 401 });
  {
    // A token through the proxy: the library's own request, the answer judged against the contract.
    const client = { client_id: clientId };
    const response = await oauth.clientCredentialsGrantRequest({ ...as, token_endpoint: `${proxy}/oauth2/token` }, client,
      oauth.PrivateKeyJwt(await privateKey(registered)), new URLSearchParams({ scope: 'system/Inmate.rs' }), insecure);
    const violations = JSON.parse(response.headers.get('sl-violations') ?? '[]');
    check(response.status === 200 && violations.length === 0 && response.headers.get('cache-control') === 'no-store',
      'proxied: a token (POST /oauth2/token), one Cache-Control: no-store',
      { status: response.status, violations, cacheControl: response.headers.get('cache-control') });
  }
  await viaProxy('a refused token request', 'POST', '/oauth2/token', {
    headers: { 'content-type': 'application/x-www-form-urlencoded' }, expect: 400,
    body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
  });

  // The admission's webhook, checked with the stock libraries.
  for (let i = 0; i < 60 && received.length === 0; i++) {
    await new Promise(r => setTimeout(r, 500));
  }
  const delivery = received[0];
  check(delivery !== undefined, 'the admission is delivered to the subscription');
  if (delivery) {
    try {
      new Webhook(secret).verify(delivery.body, {
        'webhook-id': delivery.headers['webhook-id'],
        'webhook-timestamp': delivery.headers['webhook-timestamp'],
        'webhook-signature': delivery.headers['webhook-signature'],
      });
      check(true, 'standardwebhooks verifies the signature');
    } catch (e) {
      check(false, 'standardwebhooks verifies the signature', String(e));
    }
    try {
      const event = HTTP.toEvent({ headers: delivery.headers, body: delivery.body });
      check(event.type === 'dk.overgang.admitted' && event.subject === `Inmate/${inmate.id}/_history/1`,
        'cloudevents reads the event', { type: event.type, subject: event.subject });
    } catch (e) {
      check(false, 'cloudevents reads the event', String(e));
    }
  }
}

prism.kill();
receiver.close();
if (failed.length > 0) {
  console.log(`\n${failed.length} failed:\n- ${failed.join('\n- ')}`);
  if (!accessToken || failed.some(f => f.startsWith('proxied'))) {
    console.log(`\nprism:\n${prismLog.slice(-4000)}`);
  }
  process.exit(1);
}
console.log('\nall passed');
