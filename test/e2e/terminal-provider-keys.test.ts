/**
 * The keys screen in a real terminal (tmux) against a demo gateway on
 * loopback: what a person sees, and the exact bodies the gateway received.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { removeTempDir } from '../helpers/temp-dir.js';
import { startDemoGateway, type DemoGateway } from '../../src/demo-gateway/index.js';
import { CLI, requireBuiltCli, startTmux, type TmuxSession } from '../helpers/tmux.js';

let gw: DemoGateway;
let tmp: string;
let session: TmuxSession | undefined;
beforeAll(() => requireBuiltCli());
beforeEach(async () => {
  // The bodies below are v1.5's {value, env_var, from_env} and its masked Azure endpoint. On v2 the key form shows a
  // plain endpoint as "new value (N chars)": the key fields do not read the version rules yet (phase 2 of issue 20).
  gw = await startDemoGateway({ port: 0, version: '1.5' });
  tmp = mkdtempSync(path.join(os.tmpdir(), 'bt-keys-tui-'));
});
afterEach(async () => {
  session?.kill();
  session = undefined;
  await gw.close();
  await removeTempDir(tmp);
});

function open(columns = 110, rows = 30): TmuxSession {
  const env = { BIFROST_TUI_CONFIG_DIR: path.join(tmp, 'config'), BIFROST_TUI_STATE_DIR: path.join(tmp, 'state'), BIFROST_API_KEY: '', BIFROST_PROFILE: '' };
  return startTmux(`node ${CLI} --url ${gw.url}`, columns, rows, env);
}

const stored = (provider: string, name: string): Record<string, any> =>
  (gw.storedProvider(provider)!.keys as Record<string, any>[]).find((k) => k.name === name)!;

/** `a` on the keys screen, then the add flow's name, value and models typed (the models not yet sent). */
async function typeNewKey(s: TmuxSession, name: string, value: string, models: string): Promise<void> {
  s.send('a');
  await s.waitFor('Name of the new key: ');
  s.type(name);
  s.send('Enter');
  await s.waitFor('Value (typed masked');
  s.type(value);
  s.send('Enter');
  await s.waitFor('Models (* = all');
  s.send('C-u');
  s.type(models);
}

async function openKeysOf(s: TmuxSession, provider: string): Promise<string> {
  await s.waitFor('6 configured');
  s.type(`/${provider}`);
  await s.waitFor(/\d+ match/);
  s.send('Enter');
  for (let i = 0; i < 5 && !new RegExp(`› ${provider}\\s`).test(s.screen()); i++) {
    s.send('j');
    await new Promise((r) => setTimeout(r, 100));
  }
  s.send('y');
  return s.waitFor(`${provider} › keys`);
}

describe('real terminal: keys screen', () => {
  it('opens from the list with y: one GET of the keys; value only as its source; status with the full description', async () => {
    session = open();
    const before = gw.requests.length;
    const screen = await openKeysOf(session, 'groq');
    await session.waitFor('groq-legacy');
    const keyReads = gw.requests.slice(before).filter((r) => r.url.startsWith('/api/providers/') && r.url.includes('/keys'));
    expect(keyReads.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /api/providers/groq/keys']);
    expect(session.screen()).toMatch(/groq-key\s+yes\s+1\s+all models\s+stored ····f8Gh\s+success/);
    expect(screen).not.toContain('gsk_');
    session.send('j');
    const failing = await session.waitFor('"message":"Invalid API');
    expect(failing).toContain('list_models_failed: failed to list models: 401 Unauthorized');
  });

  it('disables two marked keys through the review: re-read, full bodies with only enabled changed, backups kept', async () => {
    session = open();
    await openKeysOf(session, 'openai');
    await session.waitFor('openai-batch');
    session.send('Space', 'Space');
    await session.waitFor('2 marked');
    session.send('-');
    const review = await session.waitFor('Disable "openai-prod", "openai-batch"');
    expect(review).toContain('~ enabled: true → false');
    const mark = gw.requests.length;
    session.send('y');
    await session.waitFor('✔ saved 2 keys; confirmed by a fresh read');
    const sent = gw.requests.slice(mark).map((r) => `${r.method} ${r.url.replace(/keys\/([0-9a-f]{8})[0-9a-f-]+/, 'keys/$1')}`);
    expect(sent.slice(0, 6)).toEqual([
      'GET /api/providers/openai/keys/3b1f6c2e', 'PUT /api/providers/openai/keys/3b1f6c2e', 'GET /api/providers/openai/keys/3b1f6c2e',
      'GET /api/providers/openai/keys/a7c90d14', 'PUT /api/providers/openai/keys/a7c90d14', 'GET /api/providers/openai/keys/a7c90d14',
    ]);
    const put = gw.requests.find((r) => r.method === 'PUT')!.json as Record<string, any>;
    expect(put.enabled).toBe(false);
    expect(put.rate_limit).toEqual({ requests_per_minute: 5000, tokens_per_minute: 2000000 });
    expect(put.value.value).toMatch(/^sk-p\*{24}1QeA$/);
    expect(stored('openai', 'openai-prod').value.value).toBe('sk-proj-Xq7rT2vLm9KpW4sZ8bNc3HdF6gJy1QeA');
    expect(stored('openai', 'openai-batch').enabled).toBe(false);
    expect(readdirSync(path.join(tmp, 'state', 'history'), { recursive: true }).filter((f) => String(f).endsWith('.json'))).toHaveLength(2);
  });

  it('rotates one key: typed masked, the review shows only the source, the gateway stores the new value', async () => {
    session = open();
    await openKeysOf(session, 'groq');
    await session.waitFor('groq-key');
    session.send('R');
    await session.waitFor('New value');
    session.type('gsk_Rotated_0123456789abcdef');
    const typing = await session.waitFor('••••••••••');
    expect(typing).not.toContain('gsk_Rotated');
    session.send('Enter');
    const review = await session.waitFor('Rotate the value of "groq-key"');
    expect(review).toContain('~ value: stored ····f8Gh → new value (28 chars)');
    session.send('y');
    await session.waitFor('✔ saved "groq-key"');
    expect(stored('groq', 'groq-key').value.value).toBe('gsk_Rotated_0123456789abcdef');
    expect(session.screen()).not.toContain('gsk_Rotated');
  });

  it('a change made meanwhile: shows it field by field and sends nothing; Esc cancels; delete asks and names the key', async () => {
    session = open();
    await openKeysOf(session, 'anthropic');
    await session.waitFor('anthropic-fallback');
    gw.mutateProvider('anthropic', (p) => void ((p.keys as Record<string, any>[])[0]!.weight = 0.9));
    session.send('w', 'C-u');
    session.type('0.5');
    session.send('Enter');
    await session.waitFor('~ weight: 1 → 0.5');
    session.send('y');
    const conflict = await session.waitFor('"anthropic-main" changed on the gateway since it was read');
    expect(conflict).toContain('~ weight: 1 → 0.9');
    expect(conflict).toMatch(/r: reload and reapply your edits.*Esc: cancel/);
    expect(gw.requests.filter((r) => r.method === 'PUT')).toEqual([]);
    session.send('Escape');
    await session.waitFor('cancelled: nothing sent');
    expect(gw.requests.filter((r) => r.method === 'PUT')).toEqual([]);
    session.send('j', 'd');
    await session.waitFor('Delete "anthropic-fallback" of anthropic?');
    session.send('Escape');
    await session.waitFor('cancelled: nothing sent');
    expect(gw.storedProvider('anthropic')!.keys).toHaveLength(2);
  });
});

describe('real terminal: keys count on the list', () => {
  it('one GET /api/keys per list load fills the KEYS column', async () => {
    session = open();
    const screen = await session.waitFor(/› acme-llm.*\s1\s+https/);
    expect(screen).toMatch(/openai\s+built-in\s+● active\s+1000\/5000\s+2\s/);
    expect(gw.requests.filter((r) => r.url === '/api/keys')).toHaveLength(1);
    expect(gw.requests.filter((r) => /\/keys$/.test(r.url) && r.url !== '/api/keys')).toEqual([]);
  });

  it('when /api/keys is refused, counts the focused provider lazily', async () => {
    gw.addFault({ path: '/api/keys', status: 403, message: 'Forbidden' });
    session = open();
    await session.waitFor(/› acme-llm.*\s1\s+https/);
    expect(session.screen()).toMatch(/anthropic\s+built-in\s+● active\s+500\/2000\s+·/);
    session.send('j');
    await session.waitFor(/› anthropic.*500\/2000\s+2\s/);
    expect(gw.requests.filter((r) => r.url.endsWith('/keys') && r.url !== '/api/keys').map((r) => r.url)).toEqual(['/api/providers/acme-llm/keys', '/api/providers/anthropic/keys']);
  });
});

describe('real terminal: key form', () => {
  it('edits one field of an Azure key; the body keeps its config block, aliases and redacted credentials', async () => {
    session = open();
    await openKeysOf(session, 'azure');
    await session.waitFor('azure-eastus');
    session.send('Enter');
    const form = await session.waitFor('Key azure-eastus');
    expect(form).toMatch(/Endpoint\s+stored ····\.com/);
    expect(form).toMatch(/API version\s+2024-10-21/);
    session.send('j', 'j', 'j', 'j', 'j', 'Enter');
    await session.waitFor('Mode: only: gpt-4o, gpt-4o-mini');
    session.send('a');
    session.type('*');
    session.send('Enter');
    await session.waitFor(/› \*/);
    session.send('Escape');
    await session.waitFor('"*" is not a model name: switch the mode to "all models" instead');
    session.send('d', 'M');
    await session.waitFor('Mode: no models: this key serves nothing');
    session.send('M');
    await session.waitFor('Mode: all models');
    session.send('Escape');
    await session.waitFor('~ models: only: gpt-4o, gpt-4o-mini → all models');
    session.send('y');
    await session.waitFor('✔ saved "azure-eastus"');
    const put = gw.requests.find((r) => r.method === 'PUT')!.json as Record<string, any>;
    expect(put.models).toEqual(['*']);
    expect(put.aliases).toEqual({ 'gpt-4o': 'gpt4o-prod', 'gpt-4o-mini': 'gpt4o-mini-eu' });
    expect(put.azure_key_config.endpoint.value).toMatch(/^http\*{24}\.com$/);
    expect(stored('azure', 'azure-eastus').azure_key_config.endpoint.value).toBe('https://acme-eastus.openai.azure.com');
  });
});

describe('real terminal: key form list and map editors', () => {
  it('adds and removes a model and an alias; each PUT is the fetched key plus exactly that change', async () => {
    session = open();
    await openKeysOf(session, 'azure');
    await session.waitFor('azure-eastus');
    session.send('Enter');
    await session.waitFor('Key azure-eastus');
    session.send('j', 'j', 'j', 'j', 'j', 'Enter');
    await session.waitFor(/Models \(allow-list\) of azure-eastus · 2 entries[\s\S]*M mode/);
    session.send('a');
    session.type('gpt-4.1');
    session.send('Enter');
    await session.waitFor('Mode: only: gpt-4o, gpt-4o-mini, gpt-4.1');
    session.send('k', 'd');
    await session.waitFor('Mode: only: gpt-4o, gpt-4.1');
    session.send('Escape');
    await session.waitFor('~ models: only: gpt-4o, gpt-4o-mini → only: gpt-4o, gpt-4.1');
    session.send('y');
    await session.waitFor('✔ saved "azure-eastus"');
    session.send('Enter');
    await session.waitFor('Key azure-eastus');
    session.send('j', 'j', 'j', 'j', 'j', 'j', 'j', 'Enter');
    await session.waitFor('Aliases of azure-eastus · 2 entries');
    session.send('a');
    session.type('gpt-4.1');
    session.send('Enter');
    await session.waitFor('Aliases of azure-eastus · 3 entries');
    session.type('gpt41-prod');
    session.send('Enter');
    await session.waitFor(/› gpt-4\.1\s+= gpt41-prod/);
    session.send('k', 'd');
    await session.waitFor('Aliases of azure-eastus · 2 entries');
    session.send('Escape');
    await session.waitFor('Edit Aliases of "azure-eastus"');
    session.send('y');
    await session.waitFor('✔ saved "azure-eastus"');
    const puts = gw.requests.filter((r) => r.method === 'PUT').map((r) => [r.url, r.json]);
    const url = '/api/providers/azure/keys/e8f7a6b5-c4d3-4e2f-8a1b-0c9d8e7f6a5b';
    const masked = (v: string) => ({ value: v, env_var: '', from_env: false });
    const azureKeyConfig = {
      endpoint: masked(`http${'*'.repeat(24)}.com`), api_version: masked('2024-10-21'),
      client_id: masked(`6f1c${'*'.repeat(24)}7c40`), tenant_id: masked(`a9b8${'*'.repeat(24)}7c6d`),
    };
    const base = {
      id: 'e8f7a6b5-c4d3-4e2f-8a1b-0c9d8e7f6a5b', name: 'azure-eastus', value: masked(`3f9c${'*'.repeat(24)}1e8f`), weight: 1, enabled: true, azure_key_config: azureKeyConfig,
      // Fields the gateway always shows (VERSIONS.md §5.1), sent back as they came.
      blacklisted_models: [], use_for_batch_api: false,
    };
    expect(puts).toEqual([
      [url, { ...base, models: ['gpt-4o', 'gpt-4.1'], aliases: { 'gpt-4o': 'gpt4o-prod', 'gpt-4o-mini': 'gpt4o-mini-eu' } }],
      [url, { ...base, models: ['gpt-4o', 'gpt-4.1'], aliases: { 'gpt-4o': 'gpt4o-prod', 'gpt-4.1': 'gpt41-prod' } }],
    ]);
    expect(stored('azure', 'azure-eastus').aliases).toEqual({ 'gpt-4o': 'gpt4o-prod', 'gpt-4.1': 'gpt41-prod' });
    expect(stored('azure', 'azure-eastus').value.value).toBe('3f9c2a7e1b5d4c8a9e6f0b2d7c4a1e8f');
  });
});

describe('real terminal: the key form on a small terminal (60x15)', () => {
  it('scrolls: the title and the focused field stay on screen, each row on its own line', async () => {
    session = open(60, 15);
    await openKeysOf(session, 'azure');
    await session.waitFor('azure-eastus');
    session.send('Enter');
    await session.waitFor('Key azure-eastus');
    session.send('j', 'j', 'j', 'j', 'j', 'j', 'j');
    const screen = await session.waitFor('› Aliases');
    expect(screen).toContain('Key azure-eastus');
    expect(screen).toMatch(/› Aliases\s+gpt-4o → gpt4o-prod, gpt-4o-mi/);
    expect(screen).toMatch(/^ {2}Endpoint\s+stored ····\.com$/m);
    session.send('j', 'j', 'j', 'j', 'j');
    const bottom = await session.waitFor('› Tenant ID');
    expect(bottom).toContain('Key azure-eastus');
  });
});

describe('real terminal: a refused key save keeps what was typed', () => {
  it('409 duplicate name: the add flow reopens at Name with the typed name, value and models kept; the retry sends them', async () => {
    // A duplicate name is a 409 from v1.6 on (v1.5 answers the store's 500).
    await gw.close();
    gw = await startDemoGateway({ port: 0, version: '2.2' });
    session = open();
    await openKeysOf(session, 'groq');
    await session.waitFor('groq-legacy');
    await typeNewKey(session, 'openai-prod', 'gsk_Typed_0123456789', 'llama-3.3-70b, mixtral');
    session.send('Enter');
    await session.waitFor('Add key "openai-prod" to groq');
    session.send('y');
    const refused = await session.waitFor(/Name of the new key: openai-prod[\s\S]*name: API key names must be unique/);
    expect(refused).not.toContain('gsk_Typed');
    session.send('C-u');
    session.type('groq-new');
    session.send('Enter');
    await session.waitFor(/Value \(typed masked; or env\.NAME\): •{20}▏/);
    session.send('Enter');
    await session.waitFor('Models (* = all, none, or a, b): llama-3.3-70b, mixtral');
    session.send('Enter');
    await session.waitFor('Add key "groq-new" to groq');
    session.send('y');
    await session.waitFor('✔ saved "groq-new"');
    const posts = gw.requests.filter((r) => r.method === 'POST').map((r) => r.json as Record<string, any>);
    expect(posts.map((p) => [p.name, p.value, p.models])).toEqual([
      ['openai-prod', 'gsk_Typed_0123456789', ['llama-3.3-70b', 'mixtral']],
      ['groq-new', 'gsk_Typed_0123456789', ['llama-3.3-70b', 'mixtral']],
    ]);
    expect(stored('groq', 'groq-new').models).toEqual(['llama-3.3-70b', 'mixtral']);
  });

  it('a 503 on a key form field: the field stays open with the typed text and the error; Enter retries the same body', async () => {
    gw.addFault({ method: 'PUT', path: '/api/providers/groq/keys/', status: 503, message: 'upstream unavailable', times: 1 });
    session = open();
    await openKeysOf(session, 'groq');
    await session.waitFor('groq-legacy');
    session.send('w', 'C-u');
    session.type('0.25');
    session.send('Enter');
    await session.waitFor('~ weight: 1 → 0.25');
    session.send('y');
    await session.waitFor(/Weight \(0-1\): 0\.25[\s\S]*upstream unavailable/);
    session.send('Enter');
    await session.waitFor('~ weight: 1 → 0.25');
    session.send('y');
    await session.waitFor('✔ saved "groq-key"');
    const puts = gw.requests.filter((r) => r.method === 'PUT').map((r) => (r.json as Record<string, any>).weight);
    expect(puts).toEqual([0.25, 0.25]);
    expect(stored('groq', 'groq-key').weight).toBe(0.25);
  });
});

describe('real terminal: key conflict, reload and reapply', () => {
  it('keeps the edit on top of the fresh key: the PUT carries the other change and the current mask, never the old one', async () => {
    session = open();
    await openKeysOf(session, 'anthropic');
    await session.waitFor('anthropic-fallback');
    gw.mutateProvider('anthropic', (p) => {
      const k = (p.keys as Record<string, any>[])[0]!;
      k.models = ['claude-sonnet-4-5'];
      k.value.value = 'sk-ant-api03-RotatedByAnotherAdmin9Z8Y';
    });
    session.send('w', 'C-u');
    session.type('0.5');
    session.send('Enter');
    await session.waitFor('~ weight: 1 → 0.5');
    session.send('y');
    const conflict = await session.waitFor('"anthropic-main" changed on the gateway since it was read');
    expect(conflict).toContain('~ models: only: claude-sonnet-4-5, claude-haiku-4-5 → only: claude-sonnet-4-5');
    expect(conflict).toContain('~ value: stored ····Gh0Jk → stored ····9Z8Y'.replace('Gh0Jk', 'h0Jk'));
    expect(conflict).toContain('your edits: ~ weight: 1 → 0.5');
    session.send('r');
    const review = await session.waitFor('Re-weight "anthropic-main"');
    expect(review).toContain('~ weight: 1 → 0.5');
    expect(review).not.toContain('~ models');
    session.send('y');
    await session.waitFor('✔ saved "anthropic-main"');
    const puts = gw.requests.filter((r) => r.method === 'PUT').map((r) => r.json as Record<string, any>);
    expect(puts).toHaveLength(1);
    expect(puts[0]!.weight).toBe(0.5);
    expect(puts[0]!.models).toEqual(['claude-sonnet-4-5']);
    expect(puts[0]!.value.value).toMatch(/^sk-a\*+9Z8Y$/);
    expect(stored('anthropic', 'anthropic-main').value.value).toBe('sk-ant-api03-RotatedByAnotherAdmin9Z8Y');
  });
});

describe('real terminal: key-form drafts', () => {
  const draftTexts = (): string[] => {
    const dir = path.join(tmp, 'state', 'drafts');
    let files: string[] = [];
    try {
      files = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.json'));
    } catch {
      return [];
    }
    return files.map((f) => readFileSync(path.join(dir, f), 'utf8'));
  };
  async function waitForDraft(test: (texts: string[]) => boolean): Promise<string[]> {
    for (let i = 0; i < 200; i++) {
      const texts = draftTexts();
      if (test(texts)) return texts;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no such draft; drafts were: ${draftTexts().join('\n')}`);
  }

  /** The killed app's editor counts as running (its draft not offered) until its process is gone: wait for that. */
  async function dropSession(): Promise<void> {
    session!.kill();
    const files = readdirSync(path.join(tmp, 'state', 'drafts'), { recursive: true }).map(String);
    const pids = files.map((f) => /_(\d+)_[0-9a-f]+\.json$/.exec(f)?.[1]).filter((p): p is string => p !== undefined).map(Number);
    const alive = (pid: number): boolean => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 200 && pids.some(alive); i++) await new Promise((r) => setTimeout(r, 50));
  }

  it('a half-typed field survives a dropped session and is offered when that key\'s form opens again; the save sends it', async () => {
    session = open();
    await openKeysOf(session, 'groq');
    await session.waitFor('groq-legacy');
    session.send('Enter');
    await session.waitFor('Key groq-key');
    session.send('Enter');
    await session.waitFor('Name: groq-key');
    session.send('C-u');
    session.type('groq-renamed');
    await session.waitFor('Name: groq-renamed');
    await waitForDraft((t) => t.some((x) => x.includes('groq-renamed')));
    await dropSession();
    session = open();
    await openKeysOf(session, 'groq');
    await session.waitFor('groq-legacy');
    const asked = await session.waitFor(/Unsaved edit kept .*: Name of "groq-key": groq-renamed/);
    expect(asked).toContain('Enter or r restore them · d discard them · Esc back to the list (the draft stays)');
    expect(asked).toMatch(/Enter restore\s+d discard\s+Esc keep for later/);
    session.send('Enter');
    const restored = await session.waitFor('restored your unsaved edit of Name');
    expect(restored).toContain('Name: groq-renamed');
    session.send('Enter');
    await session.waitFor('~ name: "groq-key" → "groq-renamed"');
    session.send('y');
    await session.waitFor('✔ saved "groq-key"');
    const puts = gw.requests.filter((r) => r.method === 'PUT').map((r) => r.json as Record<string, any>);
    expect(puts.map((p) => p.name)).toEqual(['groq-renamed']);
    expect(puts[0]!.value.value).toMatch(/^gsk_\*+f8Gh$/);
    await waitForDraft((t) => t.length === 0);
  });

  it('a typed secret value is never written to the draft: the restore asks for it again', async () => {
    session = open();
    await openKeysOf(session, 'groq');
    await session.waitFor('groq-legacy');
    session.send('R');
    await session.waitFor('New value');
    session.type('gsk_Secret_Typed_0123456789');
    await session.waitFor('•'.repeat(27));
    const texts = await waitForDraft((t) => t.some((x) => x.includes('withheld')));
    expect(texts.join('\n')).not.toContain('gsk_Secret');
    await dropSession();
    session = open();
    await openKeysOf(session, 'groq');
    await session.waitFor('groq-legacy');
    await session.waitFor(/Unsaved edit kept .*: new value of "groq-key" \(typed value not kept\)/);
    session.send('r');
    const restored = await session.waitFor('the typed value is never kept on disk, type it again');
    expect(restored).toMatch(/New value \(typed masked; or env\.NAME\): ▏/);
    expect(gw.requests.filter((r) => r.method === 'PUT')).toEqual([]);
  });
  it('add key: a killed app loses nothing typed; reopening asks, the restore asks for the value again and keeps name and models', async () => {
    session = open();
    await openKeysOf(session, 'groq');
    await session.waitFor('groq-legacy');
    await typeNewKey(session, 'groq-draft', 'gsk_Secret_Add_0123456789', 'llama-3.3-70b, mixtral');
    await session.waitFor('Models (* = all, none, or a, b): llama-3.3-70b, mixtral');
    const texts = await waitForDraft((t) => t.some((x) => x.includes('llama-3.3-70b, mixtral') && x.includes('groq-draft')));
    expect(texts.join('\n')).not.toContain('gsk_Secret');
    await dropSession();
    session = open();
    await openKeysOf(session, 'groq');
    const asked = await session.waitFor(/Unsaved edit kept .*: new key "groq-draft"/);
    expect(asked).toContain('Enter or r restore them');
    session.send('r');
    await session.waitFor(/Value \(typed masked; or env\.NAME\): ▏[\s\S]*type it again/);
    session.type('gsk_Secret_Add_0123456789');
    session.send('Enter');
    await session.waitFor('Models (* = all, none, or a, b): llama-3.3-70b, mixtral');
    session.send('Enter');
    const review = await session.waitFor('Add key "groq-draft" to groq');
    expect(review).toContain('+ value: new value (25 chars)');
    expect(review).not.toContain('gsk_Secret');
    session.send('y');
    await session.waitFor('✔ saved "groq-draft"');
    const posts = gw.requests.filter((r) => r.method === 'POST').map((r) => r.json);
    expect(posts).toEqual([{ name: 'groq-draft', value: 'gsk_Secret_Add_0123456789', models: ['llama-3.3-70b', 'mixtral'], weight: 1, enabled: true }]);
    await waitForDraft((t) => t.length === 0);
  });

  it('re-weight of two marked keys: a killed app loses nothing; the restore marks them again and the save sends both', async () => {
    session = open();
    await openKeysOf(session, 'openai');
    await session.waitFor('openai-batch');
    session.send('Space', 'Space');
    await session.waitFor('2 marked');
    session.send('w');
    await session.waitFor('Weight (0-1): ');
    session.type('0.4');
    await session.waitFor('Weight (0-1): 0.4');
    await waitForDraft((t) => t.some((x) => x.includes('"0.4"') && x.includes('a7c90d14-2f3b-4c5e-8d6a-1b9e0f2c4d87')));
    await dropSession();
    session = open();
    await openKeysOf(session, 'openai');
    await session.waitFor(/Unsaved edit kept .*: weight of "openai-prod", "openai-batch": 0\.4/);
    session.send('Enter');
    const restored = await session.waitFor('Weight (0-1): 0.4');
    expect(restored).toContain('2 marked');
    expect(restored).toContain('for openai-prod, openai-batch');
    session.send('Enter');
    await session.waitFor('Re-weight "openai-prod", "openai-batch"');
    session.send('y');
    await session.waitFor('✔ saved 2 keys');
    expect(gw.requests.filter((r) => r.method === 'PUT').map((r) => [r.url, (r.json as Record<string, any>).weight])).toEqual([
      ['/api/providers/openai/keys/3b1f6c2e-8a4d-4e7b-9c1a-5d2e8f0a7b61', 0.4],
      ['/api/providers/openai/keys/a7c90d14-2f3b-4c5e-8d6a-1b9e0f2c4d87', 0.4],
    ]);
    await waitForDraft((t) => t.length === 0);
  });

  it('the question: d discards the kept draft (file removed, nothing sent); Esc keeps it for the next time', async () => {
    session = open();
    await openKeysOf(session, 'groq');
    await session.waitFor('groq-legacy');
    session.send('w');
    await session.waitFor('Weight (0-1): 1');
    session.send('C-u');
    session.type('0.7');
    await waitForDraft((t) => t.some((x) => x.includes('"0.7"')));
    await dropSession();
    session = open();
    await openKeysOf(session, 'groq');
    await session.waitFor(/Unsaved edit kept .*: weight of "groq-key": 0\.7/);
    session.send('Escape');
    await session.waitFor('the draft stays on disk');
    expect(draftTexts()).toHaveLength(1);
    session.send('q');
    await session.waitFor('6 configured');
    session.send('y');
    await session.waitFor(/Unsaved edit kept .*: weight of "groq-key": 0\.7/);
    session.send('?');
    await session.waitFor('Kept edits (draft) on open');
    session.send('Escape');
    await session.waitFor('Enter or r restore them');
    session.send('d');
    await session.waitFor('draft discarded');
    await waitForDraft((t) => t.length === 0);
    expect(gw.requests.filter((r) => r.method === 'PUT')).toEqual([]);
  });
  it('a model list being edited survives a killed app: the restore reopens the list editor with the names', async () => {
    session = open();
    await openKeysOf(session, 'groq');
    await session.waitFor('groq-legacy');
    session.send('Enter');
    await session.waitFor('Key groq-key');
    session.send('j', 'j', 'j', 'j', 'j', 'Enter');
    await session.waitFor('Mode: all models');
    session.send('M', 'a');
    session.type('llama-3.3-70b');
    session.send('Enter');
    await session.waitFor('Mode: only: llama-3.3-70b');
    await waitForDraft((t) => t.some((x) => x.includes('llama-3.3-70b')));
    await dropSession();
    session = open();
    await openKeysOf(session, 'groq');
    await session.waitFor(/Unsaved edit kept .*: Models \(allow-list\) of "groq-key": llama-3\.3-70b/);
    session.send('Enter');
    await session.waitFor('Mode: only: llama-3.3-70b');
    session.send('Escape');
    await session.waitFor('~ models: all models → only: llama-3.3-70b');
    session.send('y');
    await session.waitFor('✔ saved "groq-key"');
    expect(gw.requests.filter((r) => r.method === 'PUT').map((r) => (r.json as Record<string, any>).models)).toEqual([['llama-3.3-70b']]);
  });
});
