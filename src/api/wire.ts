/**
 * zod schemas of the gateway's wire objects (CONTRACT.md §4-§7).
 *
 * Every object schema is loose: fields this client does not know are kept on
 * parse and therefore sent back on the next PUT (DESIGN.md, safe-save rule 1).
 * Every provider field also takes null, carried through as received: one null
 * must not make a whole provider unreadable.
 */
import { array, boolean, config, looseObject, nullable, nullish, number, optional, pipe, record, string, transform, union, unknown } from 'zod/mini';
import type { infer as Infer } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// zod/mini with named imports keeps the bundle small (the whole `z` namespace with every locale
// cost ~430 KiB and ~100 ms of start-up); load the one locale our messages use.
config(en());

/** An EnvVar as it may arrive: a bare string, the old `{value, env_var, from_env}` object, or the new `{value, ref, type}` object. */
export const EnvVarObjectSchema = looseObject({
  value: optional(string()),
  env_var: optional(string()),
  from_env: optional(boolean()),
  ref: optional(string()),
  type: optional(string()),
});
export const EnvVarSchema = union([string(), EnvVarObjectSchema]);

export const NetworkConfigSchema = looseObject({
  base_url: nullish(string()),
  extra_headers: nullish(record(string(), nullable(string()))),
  default_request_timeout_in_seconds: nullish(number()),
  max_retries: nullish(number()),
  /** Milliseconds on output; input also accepts Go duration strings. */
  retry_backoff_initial: nullish(union([number(), string()])),
  retry_backoff_max: nullish(union([number(), string()])),
  insecure_skip_verify: nullish(boolean()),
  /** A string on output (redacted); tolerate an EnvVar object too. */
  ca_cert_pem: nullish(EnvVarSchema),
  allow_private_network: nullish(boolean()),
  stream_idle_timeout_in_seconds: nullish(number()),
  keep_alive_timeout_in_seconds: nullish(number()),
  max_conns_per_host: nullish(number()),
  enforce_http2: nullish(boolean()),
  beta_header_overrides: nullish(record(string(), nullable(boolean()))),
});

export const ConcurrencySchema = looseObject({
  concurrency: nullish(number()),
  buffer_size: nullish(number()),
});

export const ProxyConfigSchema = looseObject({
  /** Open: a newer gateway may add proxy types. */
  type: nullish(string()),
  url: nullish(EnvVarSchema),
  username: nullish(EnvVarSchema),
  password: nullish(EnvVarSchema),
  ca_cert_pem: nullish(EnvVarSchema),
});

/** Open set of request-type flags: unknown flags must survive, a null flag included. */
export const AllowedRequestsSchema = record(string(), nullable(boolean()));
export type AllowedRequests = Infer<typeof AllowedRequestsSchema>;

export const CustomProviderConfigSchema = looseObject({
  base_provider_type: string(),
  is_key_less: nullish(boolean()),
  allowed_requests: nullish(AllowedRequestsSchema),
  request_path_overrides: nullish(record(string(), nullable(string()))),
});

export const OpenAIConfigSchema = looseObject({ disable_store: nullish(boolean()) });

/** `ProviderResponse`: the provider object as GET returns it. */
export const ProviderSchema = looseObject({
  name: string(),
  network_config: nullish(NetworkConfigSchema),
  concurrency_and_buffer_size: nullish(ConcurrencySchema),
  proxy_config: nullish(ProxyConfigSchema),
  send_back_raw_request: nullish(boolean()),
  send_back_raw_response: nullish(boolean()),
  store_raw_request_response: nullish(boolean()),
  custom_provider_config: nullish(CustomProviderConfigSchema),
  openai_config: nullish(OpenAIConfigSchema),
  /** Shape not studied upstream: round-trip as is. */
  prompt_cache: nullish(unknown()),
  provider_status: nullish(string()),
  status: nullish(string()),
  description: nullish(string()),
  config_hash: nullish(string()),
});
export type Provider = Infer<typeof ProviderSchema>;

export const ProviderListSchema = looseObject({
  providers: pipe(nullish(array(ProviderSchema)), transform((v) => v ?? [])),
  total: optional(number()),
});

export const KeySchema = looseObject({
  id: optional(string()),
  name: optional(string()),
  value: optional(EnvVarSchema),
  models: nullish(array(string())),
  blacklisted_models: nullish(array(string())),
  weight: optional(number()),
  aliases: nullish(record(string(), string())),
  enabled: optional(boolean()),
  use_for_batch_api: optional(boolean()),
  config_hash: optional(string()),
  status: optional(string()),
  description: optional(string()),
});
export type Key = Infer<typeof KeySchema>;


/** One item of `GET /api/keys` ([unconfirmed] shape: the UI's `{key_id, name, provider, models}` or a full key). */
export const KeySummarySchema = looseObject({
  key_id: optional(string()),
  id: optional(string()),
  name: optional(string()),
  provider: optional(string()),
});
export type KeySummary = Infer<typeof KeySummarySchema>;
/** `GET /api/keys`: a bare array (spec), or an object holding `keys` (tolerated). */
export const AllKeysSchema = pipe(
  union([array(KeySummarySchema), looseObject({ keys: nullish(array(KeySummarySchema)) })]),
  transform((v) => (Array.isArray(v) ? v : (v.keys ?? []))),
);

export const KeyListSchema = looseObject({
  keys: pipe(nullish(array(KeySchema)), transform((v) => v ?? [])),
  total: optional(number()),
});

export const ErrorBodySchema = looseObject({
  is_bifrost_error: optional(boolean()),
  status_code: optional(number()),
  error: looseObject({ message: string() }),
});

export const AuthStatusSchema = looseObject({
  is_auth_enabled: boolean(),
  has_valid_token: optional(boolean()),
  auth_type: optional(string()),
});
export type AuthStatus = Infer<typeof AuthStatusSchema>;

/** `GET /api/version`: a bare JSON string such as `"v1.5.2"` (VERSIONS.md §1). */
export const VersionTextSchema = string();

/** The JSON body of a PUT: the provider minus read-only fields. */
export type UpdateBody = Record<string, unknown>;
