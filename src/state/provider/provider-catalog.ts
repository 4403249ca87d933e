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

/** The base types a custom provider may have (CONTRACT §5, the newest core seen); the gateway has the last word. */
export const CUSTOM_BASE_TYPES: readonly string[] = ['openai', 'anthropic', 'bedrock', 'cohere', 'gemini', 'huggingface', 'replicate'];

export function isBuiltinName(name: string): boolean {
  return BUILTIN_SET.has(name);
}

/** A provider's kind as data: built-in or custom, and a custom provider's base type. */
export function providerKindData(p: Provider): { kind: 'built-in' | 'custom'; base_provider_type: string | null } {
  if (p.custom_provider_config) return { kind: 'custom', base_provider_type: p.custom_provider_config.base_provider_type || null };
  return { kind: isBuiltinName(p.name) ? 'built-in' : 'custom', base_provider_type: null };
}

/** "built-in", or "custom (openai)" for a custom provider (for people; data uses providerKindData). */
export function providerKind(p: Provider): string {
  const { kind, base_provider_type: base } = providerKindData(p);
  return base ? `${kind} (${base})` : kind;
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
