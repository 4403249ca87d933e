/** Realistic seeded providers, stored unredacted (responses redact them). */
import type { Provider } from '../api/wire.js';

/** A genuine self-signed CA certificate (public part only), so redaction shows on a real PEM. */
export const DEMO_CA_PEM = `-----BEGIN CERTIFICATE-----
MIIBvDCCAWOgAwIBAgIUDnX6WcrK6/JUTlqdeWWuQVBjwCYwCgYIKoZIzj0EAwIw
NDEeMBwGA1UEAwwVQWNtZSBJbnRlcm5hbCBSb290IENBMRIwEAYDVQQKDAlBY21l
IENvcnAwHhcNMjYxMTI2MTQxMTQyWhcNMzYxMTIzMTQxMTQyWjA0MR4wHAYDVQQD
DBVBY21lIEludGVybmFsIFJvb3QgQ0ExEjAQBgNVBAoMCUFjbWUgQ29ycDBZMBMG
ByqGSM49AgEGCCqGSM49AwEHA0IABMw8ytRg9eRI+le1qf6T9uupcKHAhlDfpFUu
ZJSxQnl7KONPTQLCPRhAsrglQplbs89hqIpUlva1CZdCWdZWa8OjUzBRMB0GA1Ud
DgQWBBRjdOvAlIa4ASFXTgLQtjXEbzBLUTAfBgNVHSMEGDAWgBRjdOvAlIa4ASFX
TgLQtjXEbzBLUTAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0cAMEQCIHcK
+bQEo9opIEC1hV2AY3fopFp4sZ+XsIgEtzTs5BGJAiAJAHQTpnQZwdqmMW+ws61u
oY/2UHBEhdEv6Ib61rVg3w==
-----END CERTIFICATE-----
`;

/** A block stored as null (the wire type has no null there; GET then shows server defaults). */
const UNSET = null as unknown as undefined;
const plain = (value: string) => ({ value, env_var: '', from_env: false });
const fromEnv = (value: string, name: string) => ({ value, env_var: `env.${name}`, from_env: true });
/** The newer EnvVar object (CONTRACT.md §7.1): `{value, ref, type}`. */
const envRef = (value: string, name: string) => ({ value, ref: `env.${name}`, type: 'env' });

const openai: Provider = {
  name: 'openai',
  network_config: {
    base_url: 'https://api.openai.com',
    extra_headers: { 'OpenAI-Organization': 'org-4fQx8ZtR2bYkL1mN9pWcVd3e', 'X-Team': 'platform' },
    default_request_timeout_in_seconds: 60,
    max_retries: 2,
    retry_backoff_initial: 500,
    retry_backoff_max: 5000,
    ca_cert_pem: DEMO_CA_PEM,
    stream_idle_timeout_in_seconds: 120,
    max_conns_per_host: 5000,
  },
  concurrency_and_buffer_size: { concurrency: 1000, buffer_size: 5000 },
  proxy_config: null,
  send_back_raw_request: false,
  send_back_raw_response: false,
  store_raw_request_response: true,
  openai_config: { disable_store: true },
  provider_status: 'active',
  config_hash: '9f2c1e7a4b0d8c3f6e5a1b2c7d9e0f4a',
  // Unknown to this client (one configstore version has it): must round-trip.
  pricing_overrides: [{ model: 'gpt-4o', input_cost_per_token: 0.0000025, output_cost_per_token: 0.00001 }],
  keys: [
    {
      id: '3b1f6c2e-8a4d-4e7b-9c1a-5d2e8f0a7b61', name: 'openai-prod', value: plain('sk-proj-Xq7rT2vLm9KpW4sZ8bNc3HdF6gJy1QeA'), models: ['gpt-4o', 'gpt-4o-mini'],
      blacklisted_models: ['gpt-4o-realtime-preview'], weight: 0.7, enabled: true, status: 'success',
      // Unknown to this client (a newer gateway field): must round-trip through every key write.
      rate_limit: { requests_per_minute: 5000, tokens_per_minute: 2000000 },
    },
    { id: 'a7c90d14-2f3b-4c5e-8d6a-1b9e0f2c4d87', name: 'openai-batch', value: fromEnv('sk-proj-Bt5nW8cYx2LvR6mQ9sKd4HfJ7gTz3PaE', 'OPENAI_BATCH_KEY'), models: ['*'], weight: 0.3, enabled: true, use_for_batch_api: true, status: 'success' },
  ],
};

const anthropic: Provider = {
  name: 'anthropic',
  network_config: {
    default_request_timeout_in_seconds: 300,
    max_retries: 3,
    retry_backoff_initial: 1000,
    retry_backoff_max: 10000,
    stream_idle_timeout_in_seconds: 120,
    beta_header_overrides: { 'prompt-caching-2024-07-31': true, 'computer-use-2025-01-24': false },
  },
  concurrency_and_buffer_size: { concurrency: 500, buffer_size: 2000 },
  proxy_config: null,
  send_back_raw_request: false,
  send_back_raw_response: true,
  store_raw_request_response: false,
  provider_status: 'active',
  keys: [
    { id: 'c4d2e6f8-1a3b-4c5d-9e7f-0a1b2c3d4e5f', name: 'anthropic-main', value: plain('sk-ant-api03-Zp4Kq8Lw2Xn6Rv9Ty3Bm7Cs1Df5Gh0Jk'), models: ['claude-sonnet-4-5', 'claude-haiku-4-5'], weight: 1, enabled: true, status: 'success' },
    { id: 'd1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6', name: 'anthropic-fallback', value: envRef('sk-ant-api03-Fb2Qw7Er4Ty9Ui1Op6As3Df8Gh5Jk0L', 'ANTHROPIC_FALLBACK_KEY'), models: ['*'], weight: 0, enabled: false, status: 'unknown' },
  ],
};

/** Nothing stored for its blocks: GET shows the server defaults (§4.2). */
const azure: Provider = {
  name: 'azure',
  network_config: UNSET,
  concurrency_and_buffer_size: UNSET,
  proxy_config: null,
  send_back_raw_request: false,
  send_back_raw_response: false,
  store_raw_request_response: false,
  provider_status: 'error',
  keys: [
    {
      id: 'e8f7a6b5-c4d3-4e2f-8a1b-0c9d8e7f6a5b', name: 'azure-eastus', value: plain('3f9c2a7e1b5d4c8a9e6f0b2d7c4a1e8f'), models: ['gpt-4o', 'gpt-4o-mini'], weight: 1, enabled: true,
      aliases: { 'gpt-4o': 'gpt4o-prod', 'gpt-4o-mini': 'gpt4o-mini-eu' },
      azure_key_config: { endpoint: plain('https://acme-eastus.openai.azure.com'), api_version: plain('2024-10-21'), client_id: plain('6f1c9a2e-4b7d-4e8a-9c3f-1d2e5b8a7c40'), tenant_id: plain('a9b8c7d6-e5f4-4a3b-9c2d-1e0f9a8b7c6d') },
    },
  ],
};

const ollama: Provider = {
  name: 'ollama',
  network_config: { default_request_timeout_in_seconds: 120, max_retries: 0, retry_backoff_initial: 500, retry_backoff_max: 5000, allow_private_network: true },
  concurrency_and_buffer_size: { concurrency: 16, buffer_size: 64 },
  proxy_config: null,
  send_back_raw_request: false,
  send_back_raw_response: false,
  store_raw_request_response: false,
  provider_status: 'active',
  status: 'list_models_failed',
  description: 'failed to list models: Get "http://10.0.0.12:11434/api/tags": dial tcp 10.0.0.12:11434: connect: connection refused',
  keys: [
    { id: '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d', name: 'ollama-gpu-box', value: plain(''), models: ['*'], weight: 1, enabled: true, ollama_key_config: { url: plain('http://10.0.0.12:11434') } },
  ],
};

const groq: Provider = {
  name: 'groq',
  network_config: { default_request_timeout_in_seconds: 30, max_retries: 1, retry_backoff_initial: 250, retry_backoff_max: 2000 },
  concurrency_and_buffer_size: { concurrency: 100, buffer_size: 500 },
  proxy_config: {
    type: 'http',
    url: fromEnv('http://proxy.corp.example.com:3128', 'GROQ_PROXY_URL'),
    username: plain('svc-bifrost'),
    password: fromEnv('Pr0xy-S3cret-2024!', 'GROQ_PROXY_PASSWORD'),
  },
  send_back_raw_request: true,
  send_back_raw_response: false,
  store_raw_request_response: false,
  provider_status: 'active',
  keys: [
    { id: '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0', name: 'groq-key', value: plain('gsk_Lm3Np7Qr1St5Uv9Wx2Yz6Ab0Cd4Ef8Gh'), models: ['*'], weight: 1, enabled: true, status: 'success' },
    {
      id: '7e6d5c4b-3a29-4817-b6a5-f4e3d2c1b0a9', name: 'groq-legacy', value: plain('gsk_Rv8Tx1Zb4Dn7Fq0Hs3Kv6Mx9Pz2Rc5Ue'), models: ['*'], weight: 0, enabled: true,
      status: 'list_models_failed',
      description: 'failed to list models: 401 Unauthorized: {"error":{"message":"Invalid API Key","type":"invalid_request_error","code":"invalid_api_key"}}',
    },
  ],
};

const acme: Provider = {
  name: 'acme-llm',
  network_config: {
    base_url: 'https://llm.acme.example.com',
    extra_headers: { 'X-Acme-Tenant': 'eu-prod' },
    default_request_timeout_in_seconds: 90,
    max_retries: 2,
    retry_backoff_initial: 500,
    retry_backoff_max: 8000,
  },
  concurrency_and_buffer_size: { concurrency: 200, buffer_size: 1000 },
  proxy_config: null,
  send_back_raw_request: false,
  send_back_raw_response: false,
  store_raw_request_response: false,
  custom_provider_config: {
    base_provider_type: 'openai',
    is_key_less: false,
    allowed_requests: {
      list_models: true, chat_completion: true, chat_completion_stream: true, embedding: true,
      text_completion: false, responses: false, responses_stream: false, speech: false, image_generation: false,
      // A flag older clients do not know: it must survive a round trip.
      websocket_responses: true,
    },
    request_path_overrides: { chat_completion: '/v2/chat' },
  },
  provider_status: 'active',
  keys: [
    { id: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a', name: 'acme-eu', value: plain('acme_live_7Hk2Lp9Qm4Rs8Tv1Wx5Yz3'), models: ['*'], weight: 1, enabled: true },
  ],
};

/** The default seed: fresh copies each call. */
export function defaultSeed(): Provider[] {
  return structuredClone([openai, anthropic, azure, ollama, groq, acme]);
}

/** `count` generated custom providers `bench-00001`... for load tests. */
export function benchProviders(count: number): Provider[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `bench-${String(i + 1).padStart(5, '0')}`;
    return {
      name,
      network_config: { base_url: `https://${name}.bench.example.com`, default_request_timeout_in_seconds: 60, max_retries: i % 4, retry_backoff_initial: 500, retry_backoff_max: 5000 },
      concurrency_and_buffer_size: { concurrency: 100, buffer_size: 500 },
      proxy_config: null,
      send_back_raw_request: false,
      send_back_raw_response: false,
      store_raw_request_response: false,
      custom_provider_config: { base_provider_type: 'openai', is_key_less: false, allowed_requests: { chat_completion: true, chat_completion_stream: i % 2 === 0 } },
      provider_status: i % 17 === 5 ? 'error' : 'active',
      keys: [{ id: `bench-key-${i + 1}`, name: `${name}-key`, value: { value: `sk-bench-${String(i + 1).padStart(8, '0')}-secretvalue`, env_var: '', from_env: false }, models: ['*'], weight: 1, enabled: true }],
    };
  });
}
