import fs from 'node:fs';
import { PassThrough } from 'node:stream';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDemoGateway, type DemoGateway } from '../../src/demo-gateway/index.js';
import { isRedacted } from '../../src/api/secrets.js';
import { fetchJson, setup, writable, type Harness } from './providers-harness.js';

let h: Harness;
let empty: DemoGateway;
let dir: string;
beforeEach(async () => {
  h = await setup();
  empty = await startDemoGateway({ port: 0, seed: [] });
  dir = path.join(h.dir, 'fleet');
});
afterEach(async () => {
  await empty.close();
  await h.close();
});

async function waitFor(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!cond()) throw new Error('condition not met');
}

/** Every string leaf of a JSON value, with its dotted path. */
function leaves(v: unknown, at = ''): Array<[string, string]> {
  if (typeof v === 'string') return [[at, v]];
  if (v === null || typeof v !== 'object') return [];
  return Object.entries(v).flatMap(([k, c]) => leaves(c, at ? `${at}.${k}` : k));
}

const onEmpty = (argv: string[], opts = {}) => h.run([...argv, '--url', empty.url], { noUrl: true, ...opts });

describe('providers export --all --output-dir DIR', () => {
  it('writes one NAME.json per provider and re-exports byte-identical', async () => {
    const r = await h.run(['export', '--all', '--output-dir', dir]);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(r.stderr).toBe(`exported 6 providers to ${dir} (6 files changed)\n`);
    const names = fs.readdirSync(dir).sort();
    expect(names).toEqual(['acme-llm.json', 'anthropic.json', 'azure.json', 'groq.json', 'ollama.json', 'openai.json']);
    const first = names.map((n) => fs.readFileSync(path.join(dir, n), 'utf8'));
    for (const n of names) expect(fs.statSync(path.join(dir, n)).mode & 0o777).toBe(0o600);
    const again = await h.run(['export', '--all', '--output-dir', dir]);
    expect(again.stderr).toBe(`exported 6 providers to ${dir} (0 files changed)\n`);
    expect(names.map((n) => fs.readFileSync(path.join(dir, n), 'utf8'))).toEqual(first);
    expect(h.writes()).toEqual([]);
  });
});

describe('providers export --all: files of providers no longer on the gateway', () => {
  it('are left in place and named, so a later apply does not recreate them unnoticed', async () => {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'gone.json'), '{}\n');
    const r = await h.run(['export', '--all', '--output-dir', dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`note: ${path.join(dir, 'gone.json')}: "gone" is not on the gateway (file left as it is; delete it, or apply creates it)\n`);
    expect(fs.readFileSync(path.join(dir, 'gone.json'), 'utf8')).toBe('{}\n');
  });
});

describe('providers diff/apply -f DIR', () => {
  it('export-all then apply to an empty gateway reproduces every editable field; no mask is ever sent', async () => {
    expect((await h.run(['export', '--all', '--output-dir', dir])).code).toBe(0);
    const r = await onEmpty(['apply', '-f', dir, '--yes']);
    // Applied, but secrets that cannot be copied were left as the target has them: said per field, exit 9.
    expect(r.code).toBe(9);
    expect(r.stdout).toContain('  create  openai  (');
    expect(r.stdout).toContain('      network_config.ca_cert_pem differs and cannot be copied: set it on the target\n');
    expect(r.stdout).toContain('      proxy_config.username differs and cannot be copied: set it on the target\n');
    expect(r.stdout).toContain('applied 6 of 6\n');
    const posts = empty.requests.filter((q) => q.method === 'POST');
    expect(posts.map((q) => (q.json as { provider: string }).provider).sort()).toEqual(['acme-llm', 'anthropic', 'azure', 'groq', 'ollama', 'openai']);
    for (const q of posts) {
      for (const [p, v] of leaves(q.json)) expect(isRedacted(v), `${p} sent a mask`).toBe(false);
    }
    // The exact body for groq: references copied as references, the plain username left out.
    const groqSrc = writable(await fetchJson(h.gw, 'groq'));
    const groqPost = posts.find((q) => (q.json as { provider: string }).provider === 'groq')!.json as Record<string, any>;
    const { username: _u, ...proxyRest } = groqSrc.proxy_config as Record<string, unknown>;
    expect(groqPost).toEqual({
      ...groqSrc,
      provider: 'groq',
      proxy_config: { ...proxyRest, password: 'env.GROQ_PROXY_PASSWORD', url: 'env.GROQ_PROXY_URL' },
    });
    // Every editable field arrived: the new gateway shows the same objects except the secrets that could not be copied.
    for (const name of ['acme-llm', 'anthropic', 'azure', 'ollama']) {
      expect(writable(await fetchJson(empty, name)), name).toEqual(writable(await fetchJson(h.gw, name)));
    }
    const a = writable(await fetchJson(h.gw, 'openai'));
    const b = writable(await fetchJson(empty, 'openai'));
    delete (a.network_config as Record<string, unknown>).ca_cert_pem;
    expect(b).toEqual(a);
    // Applying again changes nothing; the secrets left out stay as the target has them, and the plan says so (exit 9).
    const again = await onEmpty(['diff', '-f', dir]);
    expect(again.code).toBe(9);
    expect(again.stdout).toContain('  same    openai  (the same as far as can be seen)\n      network_config.ca_cert_pem differs and cannot be copied: set it on the target\n');
    expect(again.stdout).not.toContain('update');
  });

  it('finds drift field by field; without --yes nothing is written; --yes applies anyway and says so', async () => {
    expect((await h.run(['export', '--all', '--output-dir', dir])).code).toBe(0);
    const file = path.join(dir, 'anthropic.json');
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    doc.network_config.max_retries = 5;
    fs.writeFileSync(file, JSON.stringify(doc, null, 2));
    h.gw.mutateProvider('anthropic', (p) => {
      p.network_config!.retry_backoff_max = 20000;
    });
    const d = await h.run(['diff', '-f', dir]);
    expect(d.code).toBe(1);
    expect(d.stdout).toBe([
      `Plan for ${h.gw.url} from ${dir}:`,
      '  update  anthropic  (2 fields)',
      '      ~ network_config.max_retries: 3 → 5',
      '      ~ network_config.retry_backoff_max: 20000 → 10000',
      '      drift: changed on this gateway since DIR was last exported/applied here: network_config.retry_backoff_max',
      '  unchanged: acme-llm, azure, groq, ollama, openai',
      '',
    ].join('\n'));
    const refused = await h.run(['apply', '-f', dir]);
    expect(refused.code).toBe(1);
    expect(h.writes()).toEqual([]);
    const r = await h.run(['apply', '-f', dir, '--yes']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('note: applying anyway (--yes): overwrites changes made on this gateway to anthropic\n');
    const puts = h.puts();
    expect(puts).toHaveLength(1);
    const { _bifrost_tui: _m, ...body } = doc;
    expect(puts[0]!.json).toEqual(body);
    expect((await h.run(['diff', '-f', dir])).code).toBe(0);
  });

  it('a file exported from another gateway is desired state, not a conflict', async () => {
    expect((await h.run(['export', '--all', '--output-dir', dir])).code).toBe(0);
    await onEmpty(['apply', '-f', dir, '--yes']);
    h.gw.mutateProvider('azure', (p) => {
      p.send_back_raw_request = true;
    });
    expect((await h.run(['export', '--all', '--output-dir', dir])).code).toBe(0);
    const r = await onEmpty(['apply', '-f', dir, '--yes']);
    // Applied (exit 9: the secrets of the other gateway's masks are left as this one has them, and said so).
    expect(r.code).toBe(9);
    expect(r.stdout).toContain('  update  azure  (1 field)\n      ~ send_back_raw_request: false → true\n');
    expect(r.stdout).toContain('updated azure\n');
    expect(r.stderr).not.toContain('drift');
  });

  it('one failing provider does not stop the others; exit 8 says some were applied', async () => {
    expect((await h.run(['export', '--all', '--output-dir', dir])).code).toBe(0);
    for (const [name, edit] of [['groq', 2], ['openai', 9]] as const) {
      const file = path.join(dir, `${name}.json`);
      const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
      doc.network_config.max_retries = edit;
      fs.writeFileSync(file, JSON.stringify(doc));
    }
    h.gw.addFault({ method: 'PUT', path: '/api/providers/groq', status: 500, message: 'disk full' });
    const r = await h.run(['apply', '-f', dir, '--yes']);
    expect(r.code).toBe(8);
    expect(r.stderr).toContain('bifrost-tui: groq: ');
    expect(r.stdout).toContain('updated openai\n');
    expect(r.stdout).toContain('applied 1 of 2; failed: groq\n');
    expect((await fetchJson(h.gw, 'openai')).network_config).toMatchObject({ max_retries: 9 });
  });

  it('re-reads right before each write: a change during the confirmation is a conflict for that provider only; --prune deletes', async () => {
    expect((await h.run(['export', '--all', '--output-dir', dir])).code).toBe(0);
    fs.rmSync(path.join(dir, 'ollama.json'));
    for (const name of ['groq', 'anthropic']) {
      const file = path.join(dir, `${name}.json`);
      const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
      doc.network_config.max_retries = 6;
      fs.writeFileSync(file, JSON.stringify(doc));
    }
    const stdin = new PassThrough();
    const running = h.run(['apply', '-f', dir, '--prune'], { stdinStream: stdin, isTTY: true });
    await waitFor(() => h.output.length > 0 || h.gw.requests.some((q) => q.url === '/api/providers'));
    await new Promise((r) => setTimeout(r, 50));
    h.gw.mutateProvider('groq', (p) => {
      p.network_config!.max_retries = 8;
    });
    stdin.end('y\n');
    const r = await running;
    expect(r.stdout).toContain('  delete  ollama  (all fields)\n');
    expect(r.stderr).toContain('bifrost-tui: groq: groq changed on the gateway since the plan (network_config.max_retries): nothing was written');
    expect(r.stdout).toContain('deleted ollama\n');
    expect(r.stdout).toContain('applied 2 of 3; failed: groq\n');
    expect(r.code).toBe(8);
    expect(h.writes().map((w) => `${w.method} ${w.url}`)).toEqual(['PUT /api/providers/anthropic', 'DELETE /api/providers/ollama']);
  });
});
