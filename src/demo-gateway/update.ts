/** Builds the stored provider after a PUT or POST, with upstream's block rules (CONTRACT.md §4.3, §4.4). */
import { READ_ONLY_FIELDS } from '../api/wire.js';
import { STANDARD_PROVIDERS } from './constants.js';
import { backoffMs } from './duration.js';
import { isObject, type JsonObject } from './json.js';
import { KNOWN_PROVIDER_FIELDS } from './present.js';
import { redactCaCert, restoreProxy, restoreSecret } from './redact.js';
import type { StoredProvider } from './store.js';

/**
 * A `network_config` as stored after a write: always a whole block (omitted or
 * null becomes the zero value), backoffs in ms, CA cert mask restored.
 */
export function normalizeNetwork(sent: unknown, prev: unknown): JsonObject {
  const nc: JsonObject = {};
  for (const [k, v] of Object.entries(isObject(sent) ? sent : {})) if (v !== null && v !== undefined) nc[k] = v;
  nc.default_request_timeout_in_seconds ??= 0;
  nc.max_retries ??= 0;
  nc.retry_backoff_initial = backoffMs(nc.retry_backoff_initial) ?? 0;
  nc.retry_backoff_max = backoffMs(nc.retry_backoff_max) ?? 0;
  const prevCa = isObject(prev) ? prev.ca_cert_pem : undefined;
  if (nc.ca_cert_pem !== undefined && prevCa !== undefined && prevCa !== null) {
    nc.ca_cert_pem = restoreSecret(nc.ca_cert_pem, prevCa, redactCaCert(prevCa));
  }
  return nc;
}

const READ_ONLY: ReadonlySet<string> = new Set(READ_ONLY_FIELDS);

/**
 * Unknown top-level fields of the body. Deviation from upstream: the real
 * server ignores them; the demo stores and echoes them so a client's
 * round trip of fields it does not know can be asserted.
 */
function unknownFields(body: JsonObject, skip: ReadonlySet<string>): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(body)) if (!KNOWN_PROVIDER_FIELDS.has(k) && !skip.has(k) && !READ_ONLY.has(k)) out[k] = v;
  return out;
}

/** Kept when omitted, cleared by null, replaced by an object. */
function keepClearReplace(body: JsonObject, prev: JsonObject, field: string, target: JsonObject): void {
  const v = field in body ? body[field] : prev[field];
  if (v !== undefined && v !== null) target[field] = v;
}

/** The stored provider after a validated PUT (upsert when `prev` is undefined). */
export function applyUpdate(name: string, prev: StoredProvider | undefined, body: JsonObject): StoredProvider {
  const old: JsonObject = prev ?? {};
  const next: StoredProvider = { name };
  next.network_config = normalizeNetwork(body.network_config, old.network_config);
  next.concurrency_and_buffer_size = { ...(body.concurrency_and_buffer_size as JsonObject) };
  if ('proxy_config' in body) next.proxy_config = isObject(body.proxy_config) ? restoreProxy(body.proxy_config, old.proxy_config) : null;
  else next.proxy_config = old.proxy_config ?? null;
  next.send_back_raw_request = body.send_back_raw_request === true;
  next.send_back_raw_response = body.send_back_raw_response === true;
  next.store_raw_request_response = (body.store_raw_request_response ?? old.store_raw_request_response) === true;
  for (const f of ['custom_provider_config', 'openai_config', 'prompt_cache']) keepClearReplace(body, old, f, next);
  Object.assign(next, unknownFields(body, new Set()));
  // Runtime status is the runtime's: a PUT does not change what GET reports.
  const loadable = STANDARD_PROVIDERS.has(name) || isObject(next.custom_provider_config);
  next.provider_status = prev ? (old.provider_status ?? 'active') : loadable ? 'active' : 'error';
  for (const f of ['status', 'description', 'config_hash']) if (old[f] !== undefined) next[f] = old[f];
  next.keys = Array.isArray(old.keys) ? old.keys : [];
  return next;
}

/** The stored provider after a validated POST: omitted blocks stay unset (server defaults apply). */
export function applyCreate(name: string, body: JsonObject): StoredProvider {
  const next: StoredProvider = { name };
  next.network_config = isObject(body.network_config) ? normalizeNetwork(body.network_config, undefined) : null;
  next.concurrency_and_buffer_size = isObject(body.concurrency_and_buffer_size) ? { ...body.concurrency_and_buffer_size } : null;
  next.proxy_config = isObject(body.proxy_config) ? restoreProxy(body.proxy_config, undefined) : null;
  next.send_back_raw_request = body.send_back_raw_request === true;
  next.send_back_raw_response = body.send_back_raw_response === true;
  next.store_raw_request_response = body.store_raw_request_response === true;
  for (const f of ['custom_provider_config', 'openai_config', 'prompt_cache']) keepClearReplace(body, {}, f, next);
  Object.assign(next, unknownFields(body, new Set(['provider'])));
  next.provider_status = 'active';
  next.keys = [];
  return next;
}
