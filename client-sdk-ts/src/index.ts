/**
 * The Overgang TypeScript SDK: the client generated from the OpenAPI document (`generated/`), and a
 * thin layer that wires the token in, builds `If-Match` values and turns error answers into the
 * RFC 9457 problem they carry. Everything generated is re-exported, so the contract's names are the
 * SDK's names.
 */
import {
  ActionPlansApi, AuditEventsApi, CapabilitiesApi, Configuration, EventsApi, HandoversApi, InmatesApi, KspApi, LsRnrAssessmentsApi,
  ObligationsApi, OutcomesApi, ProgrammesApi, ReferralsApi, ReleaseMeetingsApi, ResponseError, SecurityUnitApi,
  StatisticsApi, SupervisionApi,
} from '../generated';
import type { Meta } from '../generated';

export * from '../generated';

/** Where the server is, and how to get a token (a function is asked before every call, so it can renew). */
export interface OvergangOptions {
  baseUrl: string;
  /** The bearer token, without "Bearer "; leave out for the public figures only (`statistics`). */
  token?: string | (() => string | Promise<string>);
  /** A fetch implementation (default: the global one of Node.js 20+ and browsers). */
  fetchApi?: typeof fetch;
}

/** One object with every resource family of the API. */
export interface Overgang {
  inmates: InmatesApi;
  actionPlans: ActionPlansApi;
  lsRnrAssessments: LsRnrAssessmentsApi;
  handovers: HandoversApi;
  obligations: ObligationsApi;
  securityUnit: SecurityUnitApi;
  programmes: ProgrammesApi;
  referrals: ReferralsApi;
  outcomes: OutcomesApi;
  statistics: StatisticsApi;
  supervision: SupervisionApi;
  releaseMeetings: ReleaseMeetingsApi;
  ksp: KspApi;
  auditEvents: AuditEventsApi;
  events: EventsApi;
  capabilities: CapabilitiesApi;
}

export function createOvergang(options: OvergangOptions): Overgang {
  const token = options.token;
  const configuration = new Configuration({
    basePath: options.baseUrl.replace(/\/+$/, ''),
    fetchApi: options.fetchApi,
    // The generated code asks once per security scheme: for `bearerJwt` it adds "Bearer " itself, for the
    // OAuth 2.0 scheme (`smartBackendServices`, issue 15) it takes the answer as the whole header value.
    accessToken: token === undefined ? undefined : async (name?: string) => {
      const value = typeof token === 'function' ? await token() : token;
      return name === 'smartBackendServices' ? `Bearer ${value}` : value;
    },
  });
  return {
    inmates: new InmatesApi(configuration),
    actionPlans: new ActionPlansApi(configuration),
    lsRnrAssessments: new LsRnrAssessmentsApi(configuration),
    handovers: new HandoversApi(configuration),
    obligations: new ObligationsApi(configuration),
    securityUnit: new SecurityUnitApi(configuration),
    programmes: new ProgrammesApi(configuration),
    referrals: new ReferralsApi(configuration),
    outcomes: new OutcomesApi(configuration),
    statistics: new StatisticsApi(configuration),
    supervision: new SupervisionApi(configuration),
    releaseMeetings: new ReleaseMeetingsApi(configuration),
    ksp: new KspApi(configuration),
    auditEvents: new AuditEventsApi(configuration),
    events: new EventsApi(configuration),
    capabilities: new CapabilitiesApi(configuration),
  };
}

/** The `If-Match` value that updates the version `meta` describes. */
export function ifMatch(meta: Meta): string {
  return `W/"${meta.versionId}"`;
}

/** An RFC 9457 problem, as every error answer of Overgang carries it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: { field: string; message: string }[];
}

/**
 * The problem an error answer carries, or undefined when `error` is not an HTTP error answer (a
 * network failure, say). `Retry-After` (429, 503) is on `error.response.headers`.
 */
export async function problemOf(error: unknown): Promise<Problem | undefined> {
  if (!(error instanceof ResponseError)) {
    return undefined;
  }
  try {
    return (await error.response.clone().json()) as Problem;
  } catch {
    return { type: 'about:blank', title: error.response.statusText, status: error.response.status };
  }
}

/** Thrown when a webhook is not Overgang's, or too old. */
export class WebhookVerificationError extends Error {}

/**
 * Checks that a webhook came from Overgang (Standard Webhooks; Node.js): `webhook-signature` must hold a
 * `v1,` HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<raw body>` under one of `secrets` (both while
 * rotating), and the timestamp must be within `toleranceSeconds` of now. Verify the raw body before
 * parsing it. Returns the `webhook-id` (delivery is at least once: drop ids already seen).
 */
export function verifyWebhook(
  secrets: string[],
  headers: Record<string, string | string[] | undefined>,
  rawBody: Uint8Array | string,
  toleranceSeconds = 300,
  nowSeconds = Math.floor(Date.now() / 1000),
): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const crypto = require('node:crypto') as typeof import('node:crypto');
  const header = (name: string): string | undefined => {
    const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
    const value = key === undefined ? undefined : headers[key];
    return Array.isArray(value) ? value[0] : value;
  };
  const id = header('webhook-id');
  const timestamp = header('webhook-timestamp');
  const signatures = header('webhook-signature');
  if (!id || !timestamp || !signatures) {
    throw new WebhookVerificationError('webhook-id, webhook-timestamp and webhook-signature are required');
  }
  const seconds = Number(timestamp);
  if (!Number.isInteger(seconds) || Math.abs(nowSeconds - seconds) > toleranceSeconds) {
    throw new WebhookVerificationError('webhook-timestamp is missing or too far from now');
  }
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : Buffer.from(rawBody);
  for (const secret of secrets) {
    if (!secret.startsWith('whsec_')) {
      throw new Error('a secret starts with whsec_');
    }
    const mac = crypto.createHmac('sha256', Buffer.from(secret.substring(6), 'base64'));
    mac.update(`${id}.${timestamp}.`);
    mac.update(body);
    const expected = mac.digest();
    for (const signature of signatures.split(' ')) {
      if (!signature.startsWith('v1,')) {
        continue;
      }
      const given = Buffer.from(signature.substring(3), 'base64');
      if (given.length === expected.length && crypto.timingSafeEqual(given, expected)) {
        return id;
      }
    }
  }
  throw new WebhookVerificationError('no valid signature');
}
