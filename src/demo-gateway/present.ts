/** Shapes a stored provider into the `ProviderResponse` the server sends (CONTRACT.md §5). */
import { DEFAULT_CONCURRENCY, DEFAULT_NETWORK_CONFIG, OLDER_DEFAULT_NETWORK_CONFIG } from './constants.js';
import { isObject, type JsonObject } from './json.js';
import { presentCaCert, presentKey, presentProxy } from './redact.js';
import type { DemoProfile } from './versions.js';

/** Fields with fixed handling; anything else on a stored provider is echoed after them. */
export const KNOWN_PROVIDER_FIELDS: ReadonlySet<string> = new Set([
  'name', 'network_config', 'concurrency_and_buffer_size', 'proxy_config', 'send_back_raw_request',
  'send_back_raw_response', 'store_raw_request_response', 'custom_provider_config', 'openai_config',
  'prompt_cache', 'provider_status', 'status', 'description', 'config_hash', 'keys', 'injected_tools', 'ignore_provider_cost',
]);

/** Optional blocks shown only when set; `prompt_cache` and `injected_tools` are v2's. */
const OPTIONAL_BLOCKS = ['custom_provider_config', 'openai_config', 'prompt_cache', 'injected_tools'] as const;

const ALWAYS_INT = ['default_request_timeout_in_seconds', 'max_retries', 'retry_backoff_initial', 'retry_backoff_max'] as const;
const OMIT_ZERO = ['stream_idle_timeout_in_seconds', 'keep_alive_timeout_in_seconds', 'max_conns_per_host'] as const;
const OMIT_FALSE = ['insecure_skip_verify', 'enforce_http2', 'allow_private_network'] as const;
const NETWORK_FIELDS: ReadonlySet<string> = new Set([
  'base_url', 'extra_headers', 'ca_cert_pem', 'beta_header_overrides', ...ALWAYS_INT, ...OMIT_ZERO, ...OMIT_FALSE,
]);

const nonEmptyMap = (v: unknown): v is JsonObject => isObject(v) && Object.keys(v).length > 0;

/** A stored `network_config` as Go's encoder writes it (omitempty rules, CA cert redacted). */
export function presentNetwork(profile: DemoProfile, stored: unknown): JsonObject {
  const defaults = profile.networkDefaults === 'newer' ? DEFAULT_NETWORK_CONFIG : OLDER_DEFAULT_NETWORK_CONFIG;
  const nc: JsonObject = isObject(stored) ? stored : { ...defaults };
  const out: JsonObject = {};
  if (typeof nc.base_url === 'string' && nc.base_url !== '') out.base_url = nc.base_url;
  if (nonEmptyMap(nc.extra_headers)) out.extra_headers = nc.extra_headers;
  for (const f of ALWAYS_INT) out[f] = typeof nc[f] === 'number' ? nc[f] : 0;
  if (nc.insecure_skip_verify === true) out.insecure_skip_verify = true;
  const ca = nc.ca_cert_pem === undefined || nc.ca_cert_pem === null ? '' : presentCaCert(profile, nc.ca_cert_pem);
  if (ca !== '') out.ca_cert_pem = ca;
  for (const f of OMIT_ZERO) if (typeof nc[f] === 'number' && nc[f] !== 0) out[f] = nc[f];
  for (const f of OMIT_FALSE) if (f !== 'insecure_skip_verify' && nc[f] === true) out[f] = true;
  if (nonEmptyMap(nc.beta_header_overrides)) out.beta_header_overrides = nc.beta_header_overrides;
  // Deviation: unknown network fields are echoed so a client's round trip can be asserted.
  for (const [k, v] of Object.entries(nc)) if (!NETWORK_FIELDS.has(k) && v !== undefined) out[k] = v;
  return out;
}

export interface PresentOptions {
  /** PUT and POST answer `provider_status: "active"` whatever the real state (§4.3). */
  forceActive?: boolean;
}

/**
 * The redacted `ProviderResponse` for a stored provider; defaults fill null
 * blocks (§4.2). v1.4 lists the keys inside it; v2 always shows `ignore_provider_cost`.
 */
export function presentProvider(profile: DemoProfile, stored: JsonObject, opts: PresentOptions = {}): JsonObject {
  const out: JsonObject = { name: stored.name };
  if (profile.keysInProviders) {
    out.keys = (Array.isArray(stored.keys) ? stored.keys : []).filter(isObject).map((k) => presentKey(profile, k));
  }
  out.network_config = presentNetwork(profile, stored.network_config);
  const cb = stored.concurrency_and_buffer_size;
  out.concurrency_and_buffer_size = isObject(cb) ? { ...cb } : { ...DEFAULT_CONCURRENCY };
  out.proxy_config = isObject(stored.proxy_config) ? presentProxy(profile, stored.proxy_config) : null;
  out.send_back_raw_request = stored.send_back_raw_request === true;
  out.send_back_raw_response = stored.send_back_raw_response === true;
  out.store_raw_request_response = stored.store_raw_request_response === true;
  for (const f of OPTIONAL_BLOCKS) {
    if (stored[f] !== undefined && stored[f] !== null) out[f] = stored[f];
  }
  if (profile.v2ProviderFields) out.ignore_provider_cost = stored.ignore_provider_cost === true;
  out.provider_status = opts.forceActive ? 'active' : (stored.provider_status ?? 'active');
  for (const f of ['status', 'description', 'config_hash'] as const) {
    if (typeof stored[f] === 'string' && stored[f] !== '') out[f] = stored[f];
  }
  for (const [k, v] of Object.entries(stored)) if (!KNOWN_PROVIDER_FIELDS.has(k) && v !== undefined) out[k] = v;
  return out;
}

/** What DELETE answers: a zero-valued ProviderResponse where only `name` means anything (§4.5). */
export function presentDeleted(name: string): JsonObject {
  return {
    name,
    network_config: { default_request_timeout_in_seconds: 0, max_retries: 0, retry_backoff_initial: 0, retry_backoff_max: 0 },
    concurrency_and_buffer_size: { concurrency: 0, buffer_size: 0 },
    proxy_config: null,
    send_back_raw_request: false,
    send_back_raw_response: false,
    store_raw_request_response: false,
  };
}
