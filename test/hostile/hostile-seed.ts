/** Hostile gateway text, seeded into a running demo gateway through its HTTP API. */
const OSC_TITLE = '\x1b]0;PWNED\x07';
const OSC_CLIPBOARD = '\x1b]52;c;cm0gLXJmIH4K\x07';
const HYPERLINK = '\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\';

export const HOSTILE = {
  /** A provider name carrying a title write. */
  name: `evil${OSC_TITLE}`,
  /** A status text (upstream: an LLM provider's error) with every kind of trick. */
  description: `upstream said ${OSC_TITLE}${OSC_CLIPBOARD}\x1b[2J\x07${HYPERLINK} ok\b\b\bXX \u009b31mred`,
  /** An unknown field's name. */
  field: `x_hostile${OSC_TITLE}`,
} as const;

async function send(url: string, method: string, path: string, body: unknown): Promise<void> {
  const res = await fetch(`${url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
}

/** Adds the hostile custom provider, gives openai the hostile status text and an unknown field. */
export async function seedHostile(url: string): Promise<void> {
  await send(url, 'POST', '/api/providers', {
    provider: HOSTILE.name,
    custom_provider_config: { base_provider_type: 'openai' },
    network_config: { base_url: 'https://llm.example.com' },
  });
  await send(url, 'PUT', `/__demo/providers/openai/status`, { status: 'list_models_failed', description: HOSTILE.description });
  const current = (await (await fetch(`${url}/api/providers/openai`)).json()) as Record<string, unknown>;
  for (const k of ['name', 'provider_status', 'status', 'description', 'config_hash', 'keys']) delete current[k];
  await send(url, 'PUT', '/api/providers/openai', { ...current, [HOSTILE.field]: 'value' });
}
