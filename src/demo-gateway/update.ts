/** Builds the stored provider after a PUT or POST, with each line's block rules (VERSIONS.md §3.1, §3.2, §3.4). */
import { STANDARD_PROVIDERS } from './constants.js';
import { backoffMs } from './duration.js';
import { isObject, type JsonObject } from './json.js';
import { KNOWN_PROVIDER_FIELDS } from './present.js';
import { storeCaCert, storeProxy } from './redact.js';
import type { StoredProvider } from './store.js';
import { mergeKeys } from './v14-keys.js';
import type { DemoProfile } from './versions.js';

/**
 * A `network_config` as stored after a write: always a whole block (omitted or
 * null becomes the zero value), backoffs in ms, CA cert mask restored.
 */
export function normalizeNetwork(profile: DemoProfile, sent: unknown, prev: unknown): JsonObject {
  const nc: JsonObject = {};
  for (const [k, v] of Object.entries(isObject(sent) ? sent : {})) if (v !== null && v !== undefined) nc[k] = v;
  nc.default_request_timeout_in_seconds ??= 0;
  nc.max_retries ??= 0;
  nc.retry_backoff_initial = backoffMs(nc.retry_backoff_initial) ?? 0;
  nc.retry_backoff_max = backoffMs(nc.retry_backoff_max) ?? 0;
  if (nc.ca_cert_pem !== undefined) nc.ca_cert_pem = storeCaCert(profile, nc.ca_cert_pem, isObject(prev) ? prev.ca_cert_pem : undefined);
  return nc;
}

/** Fields the server computes or never decodes on a provider write. */
const READ_ONLY: ReadonlySet<string> = new Set(['name', 'provider_status', 'status', 'description', 'config_hash', 'keys']);

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

/** An optional block after a write: `null` clears; omitted clears or keeps per line; an object replaces. */
function optionalBlock(profile: DemoProfile, body: JsonObject, prev: JsonObject, field: string): unknown {
  if (field in body) return body[field] ?? undefined;
  return profile.omittedBlocks === 'kept' ? prev[field] : undefined;
}

/** The stored provider after a validated PUT (upsert when `prev` is undefined). */
export function applyUpdate(profile: DemoProfile, name: string, prev: StoredProvider | undefined, body: JsonObject): StoredProvider {
  const old: JsonObject = prev ?? {};
  const next: StoredProvider = { name };
  next.network_config = normalizeNetwork(profile, body.network_config, old.network_config);
  next.concurrency_and_buffer_size = { ...(body.concurrency_and_buffer_size as JsonObject) };
  const proxy = optionalBlock(profile, body, old, 'proxy_config');
  next.proxy_config = isObject(proxy) ? (proxy === old.proxy_config ? proxy : storeProxy(profile, proxy, old.proxy_config)) : null;
  next.send_back_raw_request = body.send_back_raw_request === true;
  next.send_back_raw_response = body.send_back_raw_response === true;
  next.store_raw_request_response = (body.store_raw_request_response ?? old.store_raw_request_response) === true;
  // Checked before: a custom provider's config is in the body (§3.3 step 7), so the body's value is the one.
  if (isObject(body.custom_provider_config)) next.custom_provider_config = body.custom_provider_config;
  const blocks = profile.v2ProviderFields ? ['openai_config', 'prompt_cache', 'injected_tools'] : ['openai_config'];
  for (const f of blocks) {
    const v = optionalBlock(profile, body, old, f);
    if (v !== undefined && v !== null) next[f] = v;
  }
  if (profile.v2ProviderFields) next.ignore_provider_cost = (body.ignore_provider_cost ?? old.ignore_provider_cost) === true;
  Object.assign(next, unknownFields(body, new Set()));
  // Runtime status is the runtime's: a PUT does not change what GET reports.
  const loadable = STANDARD_PROVIDERS.has(name) || isObject(next.custom_provider_config);
  next.provider_status = prev ? (old.provider_status ?? 'active') : loadable ? 'active' : 'error';
  for (const f of ['status', 'description', 'config_hash']) if (old[f] !== undefined) next[f] = old[f];
  const oldKeys = (Array.isArray(old.keys) ? old.keys : []).filter(isObject);
  next.keys = profile.providerPutKeys === 'merge' ? mergeKeys(profile, oldKeys, body.keys) : oldKeys;
  return next;
}

/** The stored provider after a validated POST: omitted blocks stay unset (server defaults apply); v1.4 takes its keys. */
export function applyCreate(profile: DemoProfile, name: string, body: JsonObject): StoredProvider {
  const next: StoredProvider = { name };
  next.network_config = isObject(body.network_config) ? normalizeNetwork(profile, body.network_config, undefined) : null;
  next.concurrency_and_buffer_size = isObject(body.concurrency_and_buffer_size) ? { ...body.concurrency_and_buffer_size } : null;
  next.proxy_config = isObject(body.proxy_config) ? storeProxy(profile, body.proxy_config, undefined) : null;
  next.send_back_raw_request = body.send_back_raw_request === true;
  next.send_back_raw_response = body.send_back_raw_response === true;
  next.store_raw_request_response = body.store_raw_request_response === true;
  const blocks = ['custom_provider_config', 'openai_config', ...(profile.v2ProviderFields ? ['prompt_cache', 'injected_tools'] : [])];
  for (const f of blocks) if (isObject(body[f])) next[f] = body[f];
  if (profile.v2ProviderFields) next.ignore_provider_cost = body.ignore_provider_cost === true;
  Object.assign(next, unknownFields(body, new Set(['provider'])));
  next.provider_status = 'active';
  const sentKeys = profile.providerPutKeys === 'merge' && Array.isArray(body.keys) ? body.keys.filter(isObject) : [];
  next.keys = mergeKeys(profile, [], sentKeys);
  return next;
}
