/**
 * zod schemas of the gateway's wire objects (CONTRACT.md §4-§7).
 *
 * Every object schema is loose: fields this client does not know are kept on
 * parse and therefore sent back on the next PUT (DESIGN.md, safe-save rule 1).
 */
import { z } from 'zod';

/** An EnvVar as it may arrive: a bare string, the old `{value, env_var, from_env}` object, or the new `{value, ref, type}` object. */
export const EnvVarObjectSchema = z.looseObject({
  value: z.string().optional(),
  env_var: z.string().optional(),
  from_env: z.boolean().optional(),
  ref: z.string().optional(),
  type: z.string().optional(),
});
export const EnvVarSchema = z.union([z.string(), EnvVarObjectSchema]);
export type EnvVarObject = z.infer<typeof EnvVarObjectSchema>;
export type EnvVar = z.infer<typeof EnvVarSchema>;

export const NetworkConfigSchema = z.looseObject({
  base_url: z.string().optional(),
  extra_headers: z.record(z.string(), z.string()).nullish(),
  default_request_timeout_in_seconds: z.number().optional(),
  max_retries: z.number().optional(),
  /** Milliseconds on output; input also accepts Go duration strings. */
  retry_backoff_initial: z.union([z.number(), z.string()]).optional(),
  retry_backoff_max: z.union([z.number(), z.string()]).optional(),
  insecure_skip_verify: z.boolean().optional(),
  /** A string on output (redacted); tolerate an EnvVar object too. */
  ca_cert_pem: EnvVarSchema.optional(),
  allow_private_network: z.boolean().optional(),
  stream_idle_timeout_in_seconds: z.number().optional(),
  keep_alive_timeout_in_seconds: z.number().optional(),
  max_conns_per_host: z.number().optional(),
  enforce_http2: z.boolean().optional(),
  beta_header_overrides: z.record(z.string(), z.boolean()).nullish(),
});
export type NetworkConfig = z.infer<typeof NetworkConfigSchema>;

export const ConcurrencySchema = z.looseObject({
  concurrency: z.number(),
  buffer_size: z.number(),
});
export type Concurrency = z.infer<typeof ConcurrencySchema>;

export const PROXY_TYPES = ['none', 'http', 'socks5', 'environment'] as const;
export const ProxyConfigSchema = z.looseObject({
  /** Open: a newer gateway may add proxy types. */
  type: z.string().optional(),
  url: EnvVarSchema.optional(),
  username: EnvVarSchema.optional(),
  password: EnvVarSchema.optional(),
  ca_cert_pem: EnvVarSchema.optional(),
});
export type ProxyConfig = z.infer<typeof ProxyConfigSchema>;

/** Open set of request-type flags: unknown flags must survive. */
export const AllowedRequestsSchema = z.record(z.string(), z.boolean());
export type AllowedRequests = z.infer<typeof AllowedRequestsSchema>;

export const CustomProviderConfigSchema = z.looseObject({
  base_provider_type: z.string(),
  is_key_less: z.boolean().optional(),
  allowed_requests: AllowedRequestsSchema.nullish(),
  request_path_overrides: z.record(z.string(), z.string()).nullish(),
});
export type CustomProviderConfig = z.infer<typeof CustomProviderConfigSchema>;

export const OpenAIConfigSchema = z.looseObject({ disable_store: z.boolean().optional() });

/** `ProviderResponse`: the provider object as GET returns it. */
export const ProviderSchema = z.looseObject({
  name: z.string(),
  network_config: NetworkConfigSchema.optional(),
  concurrency_and_buffer_size: ConcurrencySchema.optional(),
  proxy_config: ProxyConfigSchema.nullish(),
  send_back_raw_request: z.boolean().optional(),
  send_back_raw_response: z.boolean().optional(),
  store_raw_request_response: z.boolean().optional(),
  custom_provider_config: CustomProviderConfigSchema.nullish(),
  openai_config: OpenAIConfigSchema.nullish(),
  /** Shape not studied upstream: round-trip as is. */
  prompt_cache: z.unknown().optional(),
  provider_status: z.string().optional(),
  status: z.string().optional(),
  description: z.string().optional(),
  config_hash: z.string().optional(),
});
export type Provider = z.infer<typeof ProviderSchema>;

export const ProviderListSchema = z.looseObject({
  providers: z.array(ProviderSchema).nullish().transform((v) => v ?? []),
  total: z.number().optional(),
});
export type ProviderList = z.infer<typeof ProviderListSchema>;

export const KeySchema = z.looseObject({
  id: z.string().optional(),
  name: z.string().optional(),
  value: EnvVarSchema.optional(),
  models: z.array(z.string()).nullish(),
  weight: z.number().optional(),
  enabled: z.boolean().optional(),
  status: z.string().optional(),
  description: z.string().optional(),
});
export type Key = z.infer<typeof KeySchema>;

export const KeyListSchema = z.looseObject({
  keys: z.array(KeySchema).nullish().transform((v) => v ?? []),
  total: z.number().optional(),
});

export const ErrorBodySchema = z.looseObject({
  is_bifrost_error: z.boolean().optional(),
  status_code: z.number().optional(),
  error: z.looseObject({ message: z.string() }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export const AuthStatusSchema = z.looseObject({
  is_auth_enabled: z.boolean(),
  has_valid_token: z.boolean().optional(),
  auth_type: z.string().optional(),
});
export type AuthStatus = z.infer<typeof AuthStatusSchema>;

/** Fields the server never decodes on PUT (CONTRACT.md §4.3) plus `keys`, which it rejects. */
export const READ_ONLY_FIELDS = ['name', 'provider_status', 'status', 'description', 'config_hash', 'keys'] as const;

/** The JSON body of a PUT: the provider minus read-only fields. */
export type UpdateBody = Record<string, unknown>;
