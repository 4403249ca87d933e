import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gatewayKey } from '../../src/store/state-dir.js';
import { fetchJson, setup, writable, type Harness } from './providers-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await setup();
});
afterEach(async () => {
  await h.close();
});

function write(name: string, value: unknown): string {
  const file = path.join(h.dir, name);
  fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return file;
}

async function exportTo(provider: string): Promise<{ file: string; doc: Record<string, any> }> {
  const file = path.join(h.dir, `${provider}.json`);
  expect((await h.run(['export', provider, '--output-file', file])).code).toBe(0);
  return { file, doc: JSON.parse(fs.readFileSync(file, 'utf8')) };
}

describe('providers diff', () => {
  it('exit 0 for an unchanged export, 1 with a masked field-by-field diff when edited', async () => {
    const { file, doc } = await exportTo('openai');
    expect(await h.run(['diff', 'openai', '-f', file])).toEqual({ code: 0, stdout: 'no changes: openai already matches\n', stderr: '' });
    doc.network_config.max_retries = 5;
    doc.network_config.extra_headers = { 'OpenAI-Organization': 'org-4fQx8ZtR2bYkL1mN9pWcVd3e', Authorization: 'Bearer sk-live-NEVERSHOWN-123' };
    doc.network_config.ca_cert_pem = '-----BEGIN CERTIFICATE-----\nMIIBnew\n-----END CERTIFICATE-----\n';
    fs.writeFileSync(file, JSON.stringify(doc));
    const r = await h.run(['diff', 'openai', '-f', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe([
      'Changes to openai:',
      '  - network_config.extra_headers.X-Team: "platform"',
      '  + network_config.extra_headers.Authorization: •••• (set, 29 chars)',
      '  ~ network_config.max_retries: 2 → 5',
      '  ~ network_config.ca_cert_pem: •••• (set, redacted) → •••• (set, 62 chars)',
      '',
    ].join('\n'));
    expect(r.stdout + r.stderr).not.toContain('NEVERSHOWN');
    const j = await h.run(['diff', 'openai', '-f', file, '--json']);
    expect(j.code).toBe(1);
    const json = JSON.parse(j.stdout);
    expect(json.conflict).toBeNull();
    expect(json.changes).toContainEqual({ path: 'network_config.max_retries', kind: 'changed', before: 2, after: 5 });
    expect(j.stdout).not.toContain('NEVERSHOWN');
    expect(h.writes()).toEqual([]);
  });

  it('warns when the provider changed since the export, and when apply would refuse', async () => {
    const { file, doc } = await exportTo('anthropic');
    doc.concurrency_and_buffer_size.concurrency = 9000;
    fs.writeFileSync(file, JSON.stringify(doc));
    h.gw.mutateProvider('anthropic', (p) => {
      p.network_config!.max_retries = 9;
    });
    const r = await h.run(['diff', 'anthropic', '-f', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('warning: anthropic changed on the gateway since');
    expect(r.stderr).toContain('note: apply would refuse: Concurrency (9,000) must be ≤ buffer size (2,000)');
    expect(r.stdout).toContain('~ network_config.max_retries: 9 → 3');
  });
});

describe('providers apply', () => {
  it('applies an edited export: complete PUT body, fingerprint key never sent, backup kept', async () => {
    const { file, doc } = await exportTo('groq');
    const before = await fetchJson(h.gw, 'groq');
    doc.network_config.max_retries = 4;
    fs.writeFileSync(file, JSON.stringify(doc));
    const r = await h.run(['apply', 'groq', '-f', file, '--yes']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('  ~ network_config.max_retries: 1 → 4\n');
    const expected = writable(before);
    (expected.network_config as Record<string, unknown>).max_retries = 4;
    expect(h.puts()).toHaveLength(1);
    expect(h.puts()[0]!.json).toEqual(expected);
    expect(h.puts()[0]!.body).not.toContain('_bifrost_tui');
    const backups = h.history.listHistory(gatewayKey(undefined, h.gw.url), 'groq');
    expect(backups).toHaveLength(1);
    expect(backups[0]!.object).toEqual(before);
    // Re-applying the same file is a no-op, not a conflict.
    const again = await h.run(['apply', 'groq', '-f', file, '--yes']);
    expect(again).toMatchObject({ code: 0, stdout: 'no changes: groq already matches\n' });
    expect(h.puts()).toHaveLength(1);
  });

  it('merges a partial file onto the fetched object; maps replace; null sets null; read-only fields ignored', async () => {
    const before = await fetchJson(h.gw, 'acme-llm');
    const file = write('partial.json', {
      name: 'something-else',
      provider_status: 'error',
      network_config: { max_retries: 5, extra_headers: { 'X-New': '1' } },
      custom_provider_config: { allowed_requests: { chat_completion: true } },
      send_back_raw_request: true,
      openai_config: null,
    });
    const r = await h.run(['apply', 'acme-llm', '-f', file, '--yes']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`note: read-only fields in ${file} ignored: name, provider_status\nnote: ${file} has no export metadata: cannot tell whether acme-llm changed on the gateway since it was written\n`);
    const expected = writable(before) as Record<string, any>;
    expected.network_config.max_retries = 5;
    expected.network_config.extra_headers = { 'X-New': '1' };
    expected.custom_provider_config.allowed_requests = { chat_completion: true };
    expected.send_back_raw_request = true;
    expected.openai_config = null;
    expect(h.puts()[0]!.json).toEqual(expected);
    expect(h.puts()[0]!.url).toBe('/api/providers/acme-llm');
  });

  it('reads the file from stdin with -f - (and then needs --yes)', async () => {
    const body = JSON.stringify({ network_config: { max_retries: 1 } });
    const noYes = await h.run(['apply', 'anthropic', '-f', '-'], { stdin: body, isTTY: true });
    expect(noYes.code).toBe(1);
    expect(noYes.stderr).toContain('refusing to write without confirmation (the file was read from stdin): pass --yes');
    expect(h.writes()).toEqual([]);
    const r = await h.run(['apply', 'anthropic', '-f', '-', '--yes', '--quiet'], { stdin: body });
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((h.puts()[0]!.json as any).network_config.max_retries).toBe(1);
  });

  it('--dry-run prints the diff and the exact body (masked) and writes nothing', async () => {
    const file = write('p.json', { proxy_config: null });
    const r = await h.run(['apply', 'groq', '-f', file, '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  - proxy_config.type: "http"\n');
    expect(r.stdout).toContain('  - proxy_config.password: env.GROQ_PROXY_PASSWORD\n');
    expect(r.stdout).toContain('"proxy_config": null');
    expect(h.writes()).toEqual([]);
    expect(h.history.listHistory('x', 'groq')).toEqual([]);
  });

  it('refuses a provider changed since export (exit 6); --force overwrites', async () => {
    const { file, doc } = await exportTo('openai');
    doc.network_config.max_retries = 4;
    fs.writeFileSync(file, JSON.stringify(doc));
    h.gw.mutateProvider('openai', (p) => {
      p.concurrency_and_buffer_size = { concurrency: 10, buffer_size: 20 };
    });
    const r = await h.run(['apply', 'openai', '-f', file, '--yes']);
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/^bifrost-tui: openai changed on the gateway since .*openai\.json was exported: nothing was written; export again and redo your edits, or pass --force to overwrite\n$/);
    expect(r.stdout).toContain('~ concurrency_and_buffer_size.concurrency: 10 → 1000');
    expect(h.writes()).toEqual([]);
    const forced = await h.run(['apply', 'openai', '-f', file, '--yes', '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toContain('; overwriting (--force)');
    expect((h.puts()[0]!.json as any).concurrency_and_buffer_size).toEqual({ concurrency: 1000, buffer_size: 5000 });
  });

  it('refuses a stale export when someone else changed one explicit value to another (300 → 30 s, 10000 → 5000 ms)', async () => {
    const { file, doc } = await exportTo('anthropic');
    doc.network_config.max_retries = 4;
    fs.writeFileSync(file, JSON.stringify(doc));
    h.gw.mutateProvider('anthropic', (p) => {
      p.network_config!.default_request_timeout_in_seconds = 30;
      p.network_config!.retry_backoff_max = 5000;
    });
    const r = await h.run(['apply', 'anthropic', '-f', file, '--yes']);
    expect(r.code).toBe(6);
    expect(r.stdout).toContain('~ network_config.default_request_timeout_in_seconds: 30 → 300');
    expect(h.writes()).toEqual([]);
    expect(h.gw.storedProvider('anthropic')?.network_config?.default_request_timeout_in_seconds).toBe(30);
  });

  it('refuses a file exported from another provider (exit 6)', async () => {
    const { file } = await exportTo('anthropic');
    const r = await h.run(['apply', 'groq', '-f', file, '--yes']);
    expect(r.code).toBe(6);
    expect(r.stderr).toContain('was exported from provider "anthropic", not "groq"');
    expect(h.writes()).toEqual([]);
  });

  it('bad files: malformed JSON, not an object, keys, wrong types, invalid values (exit 3); missing file (exit 2)', async () => {
    const cases: [string, string, RegExp][] = [
      ['bad.json', '{"network_config": {', /^bifrost-tui: .*bad\.json is not valid JSON: /],
      ['arr.json', '[1]', /must hold one JSON object \(a provider\), got an array/],
      ['keys.json', '{"keys": []}', /"keys" cannot be set with a provider document/],
      ['type.json', '{"network_config": {"max_retries": "3"}}', /invalid: network_config\.max_retries: .*expected number/],
      ['range.json', '{"concurrency_and_buffer_size": {"concurrency": 6000}}', /invalid: Concurrency \(6,000\) must be ≤ buffer size \(1,000\)/],
      ['url.json', '{"network_config": {"base_url": "ftp://x"}}', /invalid: Base URL: must be empty or an http\(s\) URL/],
      ['custom.json', '{"custom_provider_config": null}', /invalid: custom_provider_config: cannot be removed/],
      ['meta.json', '{"_bifrost_tui": {"exported_from": "nope"}}', /"_bifrost_tui" is not export metadata/],
    ];
    for (const [name, text, re] of cases) {
      const r = await h.run(['apply', 'acme-llm', '-f', write(name, text), '--yes']);
      expect(r.code, name).toBe(3);
      expect(r.stderr, name).toMatch(re);
      expect(r.stderr.split('\n').filter((l) => l.startsWith('bifrost-tui: ')), name).toHaveLength(1);
    }
    const missing = await h.run(['apply', 'acme-llm', '-f', path.join(h.dir, 'none.json'), '--yes']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*none\.json: ENOENT/);
    expect((await h.run(['apply', 'acme-llm', '--yes'])).stderr).toContain('-f FILE is required');
    expect(h.writes()).toEqual([]);
  });

  it('never sends a redacted secret that is not the current mask (it would be stored as the secret): keeps the current one and says so', async () => {
    const file = write('mask.json', { network_config: { ca_cert_pem: 'ABCD************************WXYZ' } });
    const r = await h.run(['apply', 'openai', '-f', file, '--yes']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('note: kept the gateway\'s current secret at network_config.ca_cert_pem: a masked value that is not its current one cannot be sent');
    // The mask was the only change: with the current secret kept, nothing is left to write.
    expect(r.stdout).toBe('no changes: openai already matches\n');
    expect(h.writes()).toEqual([]);
  });

  it('a missing provider is exit 5 and never PUT', async () => {
    const r = await h.run(['apply', 'nope', '-f', write('x.json', { send_back_raw_request: true }), '--yes']);
    expect(r.code).toBe(5);
    expect(h.writes()).toEqual([]);
  });

  it('reports the gateway\'s 400 as a validation failure (exit 3)', async () => {
    h.gw.addFault({ method: 'PUT', path: '/api/providers/openai', status: 400, message: 'Invalid base URL: blocked' });
    const r = await h.run(['apply', 'openai', '-f', write('x.json', { send_back_raw_request: true }), '--yes']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/\nbifrost-tui: the gateway refused the change: 400 Bad Request: Invalid base URL: blocked\n$/);
  });
});
