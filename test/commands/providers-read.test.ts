import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildUpdateBody } from '../../src/api/update-body.js';
import { helpText } from '../../src/commands/help.js';
import { fingerprint } from '../../src/commands/providers-document.js';
import { stableStringify } from '../../src/state/json.js';
import { normalizeForCompare } from '../../src/state/provider/diff.js';
import { fetchJson, setup, type Harness } from './providers-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await setup();
});
afterEach(async () => {
  await h.close();
});

describe('providers list', () => {
  it('prints a plain table sorted by name', async () => {
    const r = await h.run(['list']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+KIND\s+STATUS\s+BASE URL\s+CONC\/BUF\s+NOTE$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(['acme-llm', 'anthropic', 'azure', 'groq', 'ollama', 'openai']);
    expect(r.stdout).toMatch(/acme-llm\s+custom \(openai\)\s+active\s+https:\/\/llm\.acme\.example\.com\s+200\/1000/);
    expect(r.stdout).toMatch(/azure\s+built-in\s+error\s+default\s+1000\/5000/);
    expect(r.stdout).toMatch(/ollama .*list_models_failed: failed to list models/);
  });

  it('prints JSON summaries with --json', async () => {
    const r = await h.run(['list', '--json', '--no-color', '--quiet']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.total).toBe(6);
    // Data, not display text: the kind and the base type are two fields.
    expect(json.providers[0]).toEqual({
      name: 'acme-llm', kind: 'custom', base_provider_type: 'openai', provider_status: 'active', status: null, description: null,
      base_url: 'https://llm.acme.example.com', concurrency: 200, buffer_size: 1000,
    });
    expect(json.providers.find((p: { name: string }) => p.name === 'openai')).toMatchObject({ kind: 'built-in', base_provider_type: null });
    expect(json.providers.find((p: { name: string }) => p.name === 'ollama').status).toBe('list_models_failed');
  });

  it('rejects extra arguments and unknown flags with exit 2', async () => {
    expect(await h.run(['list', 'extra'])).toMatchObject({ code: 2, stdout: '' });
    const r = await h.run(['list', '--bogus=abc']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^bifrost-tui: unknown option --bogus; usage: bifrost-tui providers list .*--help\)\n$/);
    expect(r.stderr).not.toContain('abc');
  });
});

describe('providers get', () => {
  it('prints the object as received with --json (gateway redaction kept)', async () => {
    const r = await h.run(['get', 'openai', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(await fetchJson(h.gw, 'openai'));
  });

  it('masks secrets in text', async () => {
    const r = await h.run(['get', 'groq']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^groq {2}built-in, active\n/);
    expect(r.stdout).toContain('  network_config.max_retries: 1\n');
    expect(r.stdout).toContain('  proxy_config.password: env.GROQ_PROXY_PASSWORD\n');
    expect(r.stdout).toContain('  proxy_config.username: •••• (set, redacted)\n');
    const o = await h.run(['get', 'openai']);
    expect(o.stdout).toContain('  network_config.ca_cert_pem: •••• (set, redacted)\n');
    expect(o.stdout).toContain('pricing_overrides: [{"model":"gpt-4o"');
    const ol = await h.run(['get', 'ollama']);
    expect(ol.stdout).toContain('note: list_models_failed: failed to list models');
  });

  it('a missing provider is exit 5 with one line', async () => {
    const r = await h.run(['get', 'nope']);
    expect(r).toMatchObject({ code: 5, stdout: '' });
    // The command it points to reaches the same gateway.
    expect(r.stderr).toBe(`bifrost-tui: provider "nope" is not configured on ${h.gw.url} (see \`bifrost-tui providers list --url ${h.gw.url}\`)\n`);
  });

  it('needs a name', async () => {
    const r = await h.run(['get']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bifrost-tui: `providers get` needs NAME (see --help)\n');
  });
});

describe('providers export', () => {
  it('prints exactly the PUT body plus the client-only fingerprint', async () => {
    const r = await h.run(['export', 'openai']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const doc = JSON.parse(r.stdout);
    const fetched = await fetchJson(h.gw, 'openai');
    const { _bifrost_tui: meta, ...body } = doc;
    expect(Object.keys(doc)[0]).toBe('_bifrost_tui');
    expect(body).toEqual(buildUpdateBody(fetched, []));
    expect(meta).toMatchObject({ exported_from: fingerprint(fetched), provider: 'openai' });
    expect(meta.exported_from).toMatch(/^[0-9a-f]{64}$/);
    expect(h.writes()).toEqual([]);
  });

  it('is stable for git: sorted keys, two-space indent, trailing newline, no timestamp; re-export is byte-identical', async () => {
    const first = await h.run(['export', 'openai']);
    const second = await h.run(['export', 'openai']);
    expect(second.stdout).toBe(first.stdout);
    expect(first.stdout.endsWith('}\n')).toBe(true);
    expect(first.stdout).toContain('\n  "concurrency_and_buffer_size": {\n    "buffer_size": 5000,\n    "concurrency": 1000\n  },');
    const doc = JSON.parse(first.stdout);
    expect(Object.keys(doc)).toEqual([...Object.keys(doc)].sort());
    expect(doc._bifrost_tui.at).toBeUndefined();
  });

  it('writes --output-file FILE with mode 0600', async () => {
    const file = path.join(h.dir, 'acme.json');
    fs.writeFileSync(file, 'old', { mode: 0o644 });
    const r = await h.run(['export', 'acme-llm', '--output-file', file]);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(r.stderr).toBe(`exported acme-llm to ${file}\n`);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(doc.custom_provider_config.allowed_requests.websocket_responses).toBe(true);
    expect(doc.name).toBeUndefined();
    expect((await h.run(['export', 'acme-llm', '--output-file', file, '--quiet'])).stderr).toBe('');
  });

  it('a fingerprint is the write pipeline\'s conflict rule: read-only fields aside, any change counts (a default, an unset, a 0, a null)', () => {
    const a = { name: 'x', network_config: { max_retries: 0 }, proxy_config: { type: 'http', url: 'env.P' } };
    expect(fingerprint(a)).toBe(fingerprint({ ...a, provider_status: 'error', config_hash: 'ff', description: 'down' }));
    expect(fingerprint(a)).not.toBe(fingerprint({ ...a, network_config: { max_retries: 0, default_request_timeout_in_seconds: 0 } }));
    expect(fingerprint(a)).not.toBe(fingerprint({ ...a, network_config: {} }));
    expect(fingerprint(a)).not.toBe(fingerprint({ ...a, proxy_config: null }));
    const at = (timeout: number) => fingerprint({ ...a, network_config: { default_request_timeout_in_seconds: timeout } });
    expect(at(300)).not.toBe(at(30));
  });

  it('a file exported by an older version (its looser fingerprint) still applies without a conflict', async () => {
    const fetched = await fetchJson(h.gw, 'anthropic');
    // What older versions wrote: the sha256 of the normalized copy (unset values, defaults and EnvVar shapes collapsed).
    const legacy = createHash('sha256').update(stableStringify(normalizeForCompare(fetched))).digest('hex');
    const file = path.join(h.dir, 'old.json');
    fs.writeFileSync(file, JSON.stringify({ _bifrost_tui: { exported_from: legacy, provider: 'anthropic' }, network_config: { ...(fetched.network_config as object), max_retries: 4 } }));
    const r = await h.run(['apply', 'anthropic', '-f', file, '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect((await fetchJson(h.gw, 'anthropic')).network_config).toMatchObject({ max_retries: 4 });
  });
});

describe('help and dispatch', () => {
  it('prints every help with examples and exits 0', async () => {
    const helps: [string[], string][] = [
      [['--help'], helpText(['providers'])], [['list', '--help'], helpText(['providers', 'list'])], [['get', '-h'], helpText(['providers', 'get'])],
      [['export', '--help'], helpText(['providers', 'export'])], [['diff', '--help'], helpText(['providers', 'diff'])],
      [['apply', '--help'], helpText(['providers', 'apply'])], [['set', '--help'], helpText(['providers', 'set'])],
      [['history', '--help'], helpText(['providers', 'history'])], [['restore', '--help'], helpText(['providers', 'restore'])],
    ];
    for (const [argv, text] of helps) {
      const r = await h.run(argv, { noUrl: true });
      expect(r).toEqual({ code: 0, stdout: text, stderr: '' });
      expect(text).toMatch(/Examples?:\n/);
    }
    const setHelp = helpText(['providers', 'set']);
    expect(setHelp).toContain('  network_config.max_retries\n');
    expect(setHelp).toContain('  custom_provider_config.allowed_requests[.KEY]\n');
    expect(h.gw.requests).toEqual([]);
  });

  it('an unknown command or none is exit 2', async () => {
    const r = await h.run(['frobnicate'], { noUrl: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("bifrost-tui: unknown command 'providers frobnicate' (providers commands: list, get, export, diff, apply, set, edit, history, restore; see bifrost-tui providers --help)\n");
    const typo = await h.run(['lst'], { noUrl: true });
    expect(typo).toEqual({ code: 2, stdout: '', stderr: "bifrost-tui: unknown command 'providers lst': did you mean 'providers list'?\n" });
    const none = await h.run([], { noUrl: true });
    expect(none).toMatchObject({ code: 2, stdout: '', stderr: helpText(['providers']) });
  });

  it('without any gateway says how to give one (exit 2)', async () => {
    const r = await h.run(['list'], { noUrl: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^bifrost-tui: no gateway given: use --url URL/);
  });

  it('uses BIFROST_URL and a named profile', async () => {
    const env = { PATH: process.env.PATH, BIFROST_URL: h.gw.url };
    expect((await h.run(['list', '--json'], { noUrl: true, env })).code).toBe(0);
    h.store.upsert({ name: 'demo', url: h.gw.url, auth: 'none' });
    expect((await h.run(['get', 'groq', '--profile', 'demo', '--json'], { noUrl: true })).code).toBe(0);
    const missing = await h.run(['list', '--profile', 'ghost'], { noUrl: true });
    expect(missing.code).toBe(5);
    expect(missing.stderr).toContain('no profile named "ghost"');
  });
});
