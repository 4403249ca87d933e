/**
 * Turns transport failures and HTTP error responses into one-line `ApiError`s.
 *
 * Message formats (one line each, always passed through `scrubSecrets`):
 * - HTTP:      `<status> <reason>: <gateway error.message | raw body first line>`,
 *              or `HTTP <status> <reason>` when the body is empty or only repeats the reason.
 *              401 and 403 get a fixed, actionable explanation first.
 * - transport: `cannot connect to <origin>: connection refused`,
 *              `cannot resolve <host> (ENOTFOUND)`, `TLS error talking to <origin>: ...`,
 *              `<METHOD> <path> timed out after 30 s`, `connection to <origin> failed during <METHOD> <path>: ...`;
 *              an interrupted write adds that it may have been applied.
 */
import { STATUS_CODES } from 'node:http';
import { scrubSecrets } from './secrets.js';
import { ApiError, type ApiErrorKind } from './api-error.js';
import { isObject } from './reply-shape.js';
import { gateFields, gateMessage, isSetupLock } from './versions/gate-errors.js';

/** Longest gateway text kept in a message; a proxy's HTML page must not flood the status line. */
const MAX_DETAIL = 200;

/** What a request was, for messages and for `ApiError.method/path`. */
export interface RequestContext {
  method: string;
  /** Path as sent (URL-encoded), e.g. `/api/providers/openai`. */
  path: string;
  /** Scheme, host and port of the gateway (never user info). */
  origin: string;
  /** Literal secrets to scrub from any text (token, password, Basic credentials). */
  secrets: readonly string[];
  /** True when the client sends credentials (changes the 401 hint). */
  hasAuth: boolean;
  /** True when the client sends a setup token (changes the setup-lock hint). */
  hasSetupToken?: boolean;
}

const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'HOSTNAME_MISMATCH',
  'EPROTO',
  'UND_ERR_PRX_TLS',
]);
function isTlsCode(code: string): boolean {
  return TLS_CODES.has(code) || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_');
}
const REFUSED_CODES = new Set(['ECONNREFUSED']);
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/** Collapses text to one trimmed line and caps its length. */
export function oneLine(text: string, max = MAX_DETAIL): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Formats milliseconds as seconds for humans: 30000 -> "30 s", 150 -> "0.15 s". */
export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}

/** Every `code` found on the error, its `cause` chain and AggregateError members (happy-eyeballs connects). */
function errorCodes(err: unknown, depth = 0): string[] {
  if (depth > 5 || err === null || typeof err !== 'object') return [];
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  const codes: string[] = [];
  if (typeof e.code === 'string') codes.push(e.code);
  for (const code of errorCodes(e.cause, depth + 1)) codes.push(code);
  if (Array.isArray(e.errors)) for (const inner of e.errors) for (const code of errorCodes(inner, depth + 1)) codes.push(code);
  return codes;
}

/** The innermost useful message (undici wraps the socket error). */
function rootMessage(err: unknown): string {
  let node: unknown = err;
  let message = '';
  for (let i = 0; i < 5 && node instanceof Error; i++) {
    if (node.message) message = node.message;
    node = node.cause;
  }
  return message || String(err);
}

function make(kind: ApiErrorKind, text: string, ctx: RequestContext, status?: number): ApiError {
  return new ApiError(kind, scrubSecrets(oneLine(text, 400), ctx.secrets), status, ctx.method, ctx.path);
}

/** An `ApiError` for a transport failure (no HTTP response, or the body could not be read). */
export function transportError(err: unknown, ctx: RequestContext): ApiError {
  if (err instanceof ApiError) return err;
  const codes = errorCodes(err);
  const find = (pred: (c: string) => boolean): string | undefined => codes.find(pred);
  let code: string | undefined;
  if (find((c) => REFUSED_CODES.has(c))) return make('refused', `cannot connect to ${ctx.origin}: connection refused`, ctx);
  if ((code = find((c) => DNS_CODES.has(c)))) return make('dns', `cannot resolve ${safeHost(ctx.origin)} (${code})`, ctx);
  if ((code = find(isTlsCode))) {
    return make(
      'tls',
      `TLS error talking to ${ctx.origin}: ${code} (${rootMessage(err)}); trust the gateway's CA with a CA file, or use insecure mode as a last resort`,
      ctx,
    );
  }
  if ((code = find((c) => TIMEOUT_CODES.has(c)))) return make('timeout', `${ctx.method} ${ctx.path} timed out (${code})`, ctx);
  const detail = codes[0] ? `${codes[0]}: ${rootMessage(err)}` : rootMessage(err);
  return make('network', `connection to ${ctx.origin} failed during ${ctx.method} ${ctx.path}: ${detail}${maybeApplied(ctx)}`, ctx);
}

/** A write cut off mid-way may still have been applied upstream: say so rather than invite a blind retry. */
function maybeApplied(ctx: RequestContext): string {
  return ctx.method === 'GET' ? '' : '; the change may have been applied, reload to check';
}

/** `ApiError` for our own deadline. */
export function timeoutError(ms: number, ctx: RequestContext): ApiError {
  return make('timeout', `${ctx.method} ${ctx.path} timed out after ${formatSeconds(ms)}${maybeApplied(ctx)}`, ctx);
}

/** `ApiError` for a caller-side abort (user pressed Esc, screen unmounted). */
export function abortedError(ctx: RequestContext): ApiError {
  return make('aborted', `${ctx.method} ${ctx.path} was cancelled`, ctx);
}

/** `ApiError` for a 2xx whose body is not what the contract promises. */
export function badResponseError(status: number, problem: string, ctx: RequestContext): ApiError {
  const write = ctx.method !== 'GET';
  // A write that got a 2xx did happen: say so, or the user may retry a save that succeeded.
  const prefix = write
    ? `${ctx.method} ${ctx.path} succeeded (${status}) but the reply was not understood`
    : `unexpected reply to ${ctx.method} ${ctx.path}`;
  return make('bad-response', `${prefix}: ${problem}${write ? '; reload to see the saved state' : ''}`, ctx, status);
}

/** What a reply body is, in words: an HTML page, an error's message, JSON, text, or nothing. */
function bodyKind(bodyText: string, contentType: string): string {
  const t = bodyText.trim();
  if (t === '') return 'with an empty body';
  if (/html/i.test(contentType) || t.startsWith('<')) return 'with an HTML page';
  if (isErrorEnvelope(t)) return `(${errorDetail(t)})`;
  try {
    JSON.parse(t);
    return 'with JSON of another shape';
  } catch {
    return 'with text that is not JSON';
  }
}

/**
 * `ApiError` for a URL that answers, but not as a Bifrost management API: a
 * route every version has gave an HTML page, a 404 of a web server, or JSON
 * of another shape. One line, saying so and what to check.
 */
export function notBifrostError(status: number, bodyText: string, contentType: string, ctx: RequestContext): ApiError {
  return make(
    'not-bifrost',
    `${ctx.origin} is not a Bifrost management API: ${ctx.method} ${ctx.path} answered ${status} ${bodyKind(bodyText, contentType)}; check the URL (the gateway's address, without /api)`,
    ctx,
    status,
  );
}

/** `ApiError` for a read of a route this gateway does not have (a non-JSON 2xx: the dashboard answers every unknown GET). */
export function absentRouteError(status: number, ctx: RequestContext): ApiError {
  return make('absent', `this gateway has no ${ctx.method} ${ctx.path}: it answered ${status} with a page, not JSON (a Bifrost version without that route)`, ctx, status);
}

/**
 * `error.message` of the error envelope every Bifrost handler sends (ErrorBodySchema of wire.ts, checked
 * in place so that telling an error apart needs no schema library), or undefined when the JSON is not one.
 */
function envelopeMessage(json: unknown): string | undefined {
  if (!isObject(json) || !isObject(json.error) || typeof json.error.message !== 'string') return undefined;
  if (json.is_bifrost_error !== undefined && typeof json.is_bifrost_error !== 'boolean') return undefined;
  if (json.status_code !== undefined && typeof json.status_code !== 'number') return undefined;
  return json.error.message;
}

/** True when a body is the error envelope every Bifrost handler sends (CONTRACT.md §3). */
export function isErrorEnvelope(bodyText: string): boolean {
  try {
    return envelopeMessage(JSON.parse(bodyText)) !== undefined;
  } catch {
    return false;
  }
}

/** The gateway's explanation from an error body: `error.message`, else the raw text's first line. */
export function errorDetail(bodyText: string, max = MAX_DETAIL): string {
  const trimmed = bodyText.trim();
  if (trimmed === '') return '';
  try {
    const message = envelopeMessage(JSON.parse(trimmed));
    if (message !== undefined) return oneLine(message, max);
  } catch {
    // not JSON: fall through to the raw text (router 404/405, proxies)
  }
  const first = trimmed.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  return oneLine(first, max);
}

/** `ApiError` for a non-2xx response. */
export function httpError(status: number, bodyText: string, ctx: RequestContext): ApiError {
  const reason = STATUS_CODES[status] ?? 'Error';
  const raw = errorDetail(bodyText);
  // "503 Service Unavailable: Service Unavailable" says nothing twice.
  const detail = raw.toLowerCase() === reason.toLowerCase() ? '' : raw;
  let text: string;
  // The whole message: a gate names its fields before the phrase that identifies it, past any display cap.
  const full = errorDetail(bodyText, Number.POSITIVE_INFINITY);
  const gate = status === 403 ? gateFields(full) : undefined;
  if ((status === 401 || status === 403) && isSetupLock(full)) {
    const hint = ctx.hasSetupToken
      ? 'the gateway refused the setup token (check the profile\'s setup token)'
      : 'the gateway is locked until its first admin is set up: give its setup token (store it: profiles edit PROFILE --setup-token-stdin; or BIFROST_SETUP_TOKEN, --setup-token-env NAME)';
    text = `${status} ${reason}: ${hint}${detail ? ` (gateway: ${detail})` : ''}`;
  } else if (gate) {
    text = `403 Forbidden: ${gateMessage(gate)}`;
  } else if (status === 401) {
    const hint = ctx.hasAuth
      ? 'the gateway rejected the credentials (check --api-key or the profile)'
      : 'the gateway needs a management API key (--api-key or a profile)';
    // Upstream always says just "Unauthorized"; anything else is worth showing.
    const extra = detail && detail.toLowerCase() !== 'unauthorized' ? ` (gateway: ${detail})` : '';
    text = `401 Unauthorized: ${hint}${extra}`;
  } else if (status === 403) {
    text = `403 Forbidden: ${detail || 'the credentials lack the permission for this operation'}`;
  } else {
    text = detail ? `${status} ${reason}: ${detail}` : `HTTP ${status} ${reason}`;
  }
  return make('http', text, ctx, status);
}

function safeHost(origin: string): string {
  try {
    return new URL(origin).hostname;
  } catch {
    return origin;
  }
}
