/** Names and defaults the demo gateway shares with upstream (CONTRACT.md §5, §8, §9). */

/** Built-in provider names (OpenAPI `ModelProvider` enum). Any other name is custom. */
export const STANDARD_PROVIDERS: ReadonlySet<string> = new Set([
  'anthropic', 'azure', 'bedrock', 'bedrock_mantle', 'cerebras', 'cohere', 'deepseek', 'gemini',
  'groq', 'mistral', 'ollama', 'opencode-go', 'opencode-zen', 'openai', 'parasail', 'perplexity',
  'sgl', 'vertex', 'openrouter', 'elevenlabs', 'huggingface', 'nebius', 'xai', 'replicate', 'vllm',
  'runway', 'runware', 'fireworks', 'sarvam', 'wafer', 'zro', 'databricks',
]);

/** Base types a custom provider may wrap (newest core seen). */
export const SUPPORTED_BASE_TYPES: ReadonlySet<string> = new Set([
  'anthropic', 'bedrock', 'cohere', 'gemini', 'openai', 'huggingface', 'replicate',
]);

/** `network_config` GET shows when nothing is stored (newer core, v2). */
export const DEFAULT_NETWORK_CONFIG = {
  default_request_timeout_in_seconds: 300,
  max_retries: 0,
  retry_backoff_initial: 500,
  retry_backoff_max: 5000,
  stream_idle_timeout_in_seconds: 120,
  keep_alive_timeout_in_seconds: 30,
  max_conns_per_host: 5000,
} as const;

/** The same in the older core (v1.4, v1.5; taken for v1.6 too, which is [unconfirmed]). */
export const OLDER_DEFAULT_NETWORK_CONFIG = {
  default_request_timeout_in_seconds: 30,
  max_retries: 0,
  retry_backoff_initial: 500,
  retry_backoff_max: 5000,
  stream_idle_timeout_in_seconds: 60,
  max_conns_per_host: 5000,
} as const;

export const DEFAULT_CONCURRENCY = { concurrency: 1000, buffer_size: 5000 } as const;

/** Backoff bounds, ms (1,000,000 ms is Go's `16m40s`). */
export const BACKOFF_MIN_MS = 100;
export const BACKOFF_MAX_MS = 1_000_000;

export const KEYS_REJECTED_MESSAGE =
  'keys are not accepted on this endpoint; use POST/PUT /api/providers/{provider}/keys[/{key_id}] to manage keys';
