/** What the app knows about provider names (CONTRACT.md §9). The set is open. */
import type { Provider } from '../../api/wire.js';

/** Built-in names from the upstream `ModelProvider` enum (plus `deepgram` from the UI). */
export const BUILTIN_PROVIDERS: readonly string[] = [
  'anthropic', 'azure', 'bedrock', 'bedrock_mantle', 'cerebras', 'cohere', 'databricks', 'deepgram',
  'deepseek', 'elevenlabs', 'fireworks', 'gemini', 'groq', 'huggingface', 'mistral', 'nebius', 'ollama',
  'openai', 'opencode-go', 'opencode-zen', 'openrouter', 'parasail', 'perplexity', 'replicate', 'runware',
  'runway', 'sarvam', 'sgl', 'vertex', 'vllm', 'wafer', 'xai', 'zro',
];

const BUILTIN_SET = new Set(BUILTIN_PROVIDERS);

export function isBuiltinName(name: string): boolean {
  return BUILTIN_SET.has(name);
}

/** "built-in", or "custom (openai)" for a custom provider. */
export function providerKind(p: Provider): string {
  return kindText(p.name, p.custom_provider_config != null, p.custom_provider_config?.base_provider_type);
}

/** `providerKind` from its parts: the name, whether it has a custom config, and that config's base type. */
export function kindText(name: string, custom: boolean, baseType?: string): string {
  if (custom) return baseType ? `custom (${baseType})` : 'custom';
  return isBuiltinName(name) ? 'built-in' : 'custom';
}

/** Built-in names the gateway has not configured yet, sorted. */
export function unconfiguredBuiltins(configured: readonly { name: string }[]): string[] {
  const have = new Set(configured.map((p) => p.name));
  return BUILTIN_PROVIDERS.filter((n) => !have.has(n)).sort();
}
