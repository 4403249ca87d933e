/** Validation rules of PUT/POST /api/providers with upstream's exact messages (CONTRACT.md §4.3, §4.4). */
import { BACKOFF_MAX_MS, BACKOFF_MIN_MS, STANDARD_PROVIDERS, SUPPORTED_BASE_TYPES } from './constants.js';
import { backoffMs } from './duration.js';
import { isObject, type JsonObject } from './json.js';
import { baseUrlProblem } from './url-check.js';

const isInt = (v: unknown): boolean => v === undefined || v === null || Number.isInteger(v);
const isBool = (v: unknown): boolean => v === undefined || v === null || typeof v === 'boolean';
const isStr = (v: unknown): boolean => v === undefined || v === null || typeof v === 'string';
const isObjOrNull = (v: unknown): boolean => v === undefined || v === null || isObject(v);
const isEnvVar = (v: unknown): boolean => isStr(v) || isObject(v);
/** A map whose values pass `ok`; a null value decodes too (Go stores the zero value). */
const mapOf = (v: unknown, ok: (x: unknown) => boolean): boolean =>
  v === undefined || v === null || (isObject(v) && Object.values(v).every((x) => x === null || ok(x)));

function networkTypesOk(nc: JsonObject): boolean {
  return isStr(nc.base_url) && mapOf(nc.extra_headers, (x) => typeof x === 'string')
    && ['default_request_timeout_in_seconds', 'max_retries', 'stream_idle_timeout_in_seconds',
      'keep_alive_timeout_in_seconds', 'max_conns_per_host'].every((f) => isInt(nc[f]))
    && backoffMs(nc.retry_backoff_initial) !== undefined && backoffMs(nc.retry_backoff_max) !== undefined
    && ['insecure_skip_verify', 'enforce_http2', 'allow_private_network'].every((f) => isBool(nc[f]))
    && isEnvVar(nc.ca_cert_pem) && mapOf(nc.beta_header_overrides, (x) => typeof x === 'boolean');
}

/**
 * Whether the body decodes into the server's payload struct: a JSON object
 * whose known fields have the right JSON types (a Go decode error otherwise).
 */
export function payloadDecodes(body: unknown): body is JsonObject {
  if (!isObject(body)) return false;
  const { network_config: nc, concurrency_and_buffer_size: cb, proxy_config: px, custom_provider_config: cp } = body;
  if (!isObjOrNull(nc) || (isObject(nc) && !networkTypesOk(nc))) return false;
  if (!isObjOrNull(cb) || (isObject(cb) && !(isInt(cb.concurrency) && isInt(cb.buffer_size)))) return false;
  if (!isObjOrNull(px) || (isObject(px) && !(isStr(px.type) && ['url', 'username', 'password', 'ca_cert_pem'].every((f) => isEnvVar(px[f]))))) return false;
  if (!isObjOrNull(cp)) return false;
  if (isObject(cp) && !(isStr(cp.base_provider_type) && isBool(cp.is_key_less)
    && mapOf(cp.allowed_requests, (x) => typeof x === 'boolean') && mapOf(cp.request_path_overrides, (x) => typeof x === 'string'))) return false;
  if (!isObjOrNull(body.openai_config) || !isObjOrNull(body.prompt_cache)) return false;
  if (!['send_back_raw_request', 'send_back_raw_response', 'store_raw_request_response'].every((f) => isBool(body[f]))) return false;
  return body.keys === undefined || body.keys === null || Array.isArray(body.keys);
}

/** Step 5: concurrency and buffer size (an omitted block counts as zeros). */
export function concurrencyProblem(cb: unknown): string | undefined {
  const c = isObject(cb) && typeof cb.concurrency === 'number' ? cb.concurrency : 0;
  const b = isObject(cb) && typeof cb.buffer_size === 'number' ? cb.buffer_size : 0;
  // Negative values pass, as in the handler (CONTRACT.md §4.3 step 5).
  if (c === 0) return 'Concurrency must be greater than 0';
  if (b === 0) return 'Buffer size must be greater than 0';
  if (c > b) return 'Concurrency must be less than or equal to buffer size';
  return undefined;
}

/** Step 6 on PUT: custom-provider rules; `stored` is undefined for a new name. */
export function customProviderProblem(name: string, stored: JsonObject | undefined, sent: unknown): string | undefined {
  const prefix = 'Invalid custom provider config: ';
  const storedCfg = stored?.custom_provider_config;
  if (isObject(storedCfg)) {
    if (!isObject(sent)) return `${prefix}custom_provider_config cannot be removed after creation for provider ${name}`;
    const from = String(storedCfg.base_provider_type ?? '');
    const to = String(sent.base_provider_type ?? '');
    if (from !== to) return `${prefix}provider ${name}: base_provider_type cannot be changed from ${from} to ${to} after creation`;
    return undefined;
  }
  if (!isObject(sent)) return undefined;
  const failed = `${prefix}custom provider validation failed: `;
  if (STANDARD_PROVIDERS.has(name)) return `${failed}cannot be created on standard providers: ${name}`;
  const base = typeof sent.base_provider_type === 'string' ? sent.base_provider_type : '';
  if (base === '') return `${failed}base_provider_type is required`;
  if (!SUPPORTED_BASE_TYPES.has(base)) return `${failed}unsupported base_provider_type: ${base}`;
  return undefined;
}

/** POST's own custom-provider checks (§4.4), before the shared rules. */
export function addCustomProviderProblem(name: string, sent: unknown): string | undefined {
  if (!isObject(sent)) return undefined;
  if (STANDARD_PROVIDERS.has(name)) return 'Custom provider cannot be same as a standard provider';
  const base = typeof sent.base_provider_type === 'string' ? sent.base_provider_type : '';
  if (base === '') return 'BaseProviderType is required when CustomProviderConfig is provided';
  if (!STANDARD_PROVIDERS.has(base)) return 'BaseProviderType must be a standard provider';
  if (!SUPPORTED_BASE_TYPES.has(base)) return `Invalid custom provider config: unsupported base_provider_type: ${base}`;
  return undefined;
}

function backoffBound(label: string, ms: number): string | undefined {
  if (ms === 0) return undefined;
  if (ms < BACKOFF_MIN_MS) return `retry backoff ${label} must be at least 100ms`;
  if (ms > BACKOFF_MAX_MS) return `retry backoff ${label} must be at most 16m40s`;
  return undefined;
}

/** Step 8: retry backoff bounds (0 skips the check). */
export function backoffProblem(nc: unknown): string | undefined {
  if (!isObject(nc)) return undefined;
  const initial = backoffMs(nc.retry_backoff_initial) ?? 0;
  const max = backoffMs(nc.retry_backoff_max) ?? 0;
  const reason = backoffBound('initial', initial) ?? backoffBound('max', max)
    ?? (initial > 0 && max > 0 && initial > max ? 'retry backoff initial must be less than or equal to retry backoff max' : undefined);
  return reason && `Invalid retry backoff: ${reason}`;
}

/** v2 step 10, first part: the base URL's shape (raw errors, as upstream sends them). */
export function baseUrlShapeProblem(nc: unknown): string | undefined {
  if (!isObject(nc) || typeof nc.base_url !== 'string' || nc.base_url === '') return undefined;
  let url: URL;
  try {
    url = new URL(nc.base_url);
  } catch {
    return `invalid base URL: parse "${nc.base_url}": invalid URI for request`;
  }
  if (url.username || url.password || url.search || url.hash) return 'base URL must not contain credentials, a query, or a fragment';
  return undefined;
}

/** Step 9: a non-empty base URL must pass the SSRF check. */
export function baseUrlCheck(nc: unknown): string | undefined {
  if (!isObject(nc) || typeof nc.base_url !== 'string' || nc.base_url === '') return undefined;
  const reason = baseUrlProblem(nc.base_url, nc.allow_private_network === true);
  return reason && `Invalid base URL: ${reason}`;
}
