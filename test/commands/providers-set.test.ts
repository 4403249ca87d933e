import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetchJson, setup, writable, type Harness } from './providers-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await setup();
});
afterEach(async () => {
  await h.close();
});

describe('providers set', () => {
  it('PUTs the fetched object with exactly the one change (secrets, EnvVars and unknown fields byte for byte)', async () => {
    const before = await fetchJson(h.gw, 'openai');
    const r = await h.run(['set', 'openai', 'network_config.max_retries=3', '--yes']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Changes to openai on http:\/\/127\.0\.0\.1:\d+:\n {2}~ network_config\.max_retries: 2 → 3\nsaved openai: 1 change; previous version kept as \d{8}T\d{9}Z \(undo: bifrost-tui providers restore openai --at \d{8}T\d{9}Z --url http:\/\/127\.0\.0\.1:\d+\)\n$/);
    expect(r.stderr).toBe('');
    const [put, ...more] = h.puts();
    expect(more).toEqual([]);
    expect(put!.url).toBe('/api/providers/openai');
    const expected = writable(before);
    (expected.network_config as Record<string, unknown>).max_retries = 3;
    expect(put!.json).toEqual(expected);
    // Same bytes as the fetched object apart from the one value: key order, masks and unknown fields kept.
    expect(put!.body).toBe(JSON.stringify(expected));
    expect(put!.json).toHaveProperty('pricing_overrides');
    expect(h.gw.storedProvider('openai')!.network_config!.ca_cert_pem).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });

  it('keeps proxy EnvVar objects as received (groq)', async () => {
    const before = await fetchJson(h.gw, 'groq');
    const r = await h.run(['set', 'groq', 'send_back_raw_response=on', 'network_config.retry_backoff_max=3s', '--yes']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  ~ send_back_raw_response: false → true\n');
    expect(r.stdout).toContain('  ~ network_config.retry_backoff_max: 2000 → 3000\n');
    const expected = writable(before);
    expected.send_back_raw_response = true;
    (expected.network_config as Record<string, unknown>).retry_backoff_max = 3000;
    expect(h.puts()[0]!.json).toEqual(expected);
    expect((h.puts()[0]!.json as Record<string, unknown>).proxy_config).toEqual(before.proxy_config);
    expect(h.gw.storedProvider('groq')!.proxy_config!.username).toMatchObject({ value: 'svc-bifrost' });
  });

  it('edits one allowed_requests flag and one extra header, keeping unknown flags', async () => {
    const before = await fetchJson(h.gw, 'acme-llm');
    const r = await h.run([
      'set', 'acme-llm', 'custom_provider_config.allowed_requests.embedding=false',
      'network_config.extra_headers.X-Region=eu-west-1', '--yes',
    ]);
    expect(r.code).toBe(0);
    const expected = writable(before) as { custom_provider_config: { allowed_requests: Record<string, boolean> }; network_config: { extra_headers: Record<string, string> } };
    expected.custom_provider_config.allowed_requests.embedding = false;
    expected.network_config.extra_headers['X-Region'] = 'eu-west-1';
    const body = h.puts()[0]!.json as typeof expected;
    expect(body).toEqual(expected);
    expect(body.custom_provider_config.allowed_requests.websocket_responses).toBe(true);
  });

  it('from "all allowed", denying one flag spells out the others as allowed', async () => {
    await h.run(['set', 'acme-llm', 'custom_provider_config.allowed_requests=all', '--yes']);
    const put1 = h.puts()[0]!.json as { custom_provider_config: Record<string, unknown> };
    expect(put1.custom_provider_config).not.toHaveProperty('allowed_requests');
    const r = await h.run(['set', 'acme-llm', 'custom_provider_config.allowed_requests.rerank=no', '--yes']);
    expect(r.code).toBe(0);
    const flags = (h.puts()[1]!.json as { custom_provider_config: { allowed_requests: Record<string, boolean> } }).custom_provider_config.allowed_requests;
    expect(flags.rerank).toBe(false);
    expect(flags.chat_completion).toBe(true);
    expect(flags.websocket_responses).toBe(true);
  });

  it('--unset removes a map entry and resets a field to the gateway default', async () => {
    const r = await h.run(['set', 'openai', '--unset', 'network_config.extra_headers.X-Team', '--unset', 'network_config.max_conns_per_host', '--yes']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  - network_config.extra_headers.X-Team: "platform"\n');
    const nc = (h.puts()[0]!.json as { network_config: Record<string, unknown> }).network_config;
    expect(nc.extra_headers).toEqual({ 'OpenAI-Organization': 'org-4fQx8ZtR2bYkL1mN9pWcVd3e' });
    expect(nc.max_conns_per_host).toBe(0);
  });

  it('--dry-run prints the diff and the masked body and writes nothing', async () => {
    const r = await h.run(['set', 'openai', 'network_config.max_retries=4', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  ~ network_config.max_retries: 2 → 4\n');
    expect(r.stdout).toContain('Dry run: nothing written. Body of PUT /api/providers/openai (secrets masked):\n{\n');
    expect(r.stdout).toContain('"ca_cert_pem": "•••• (set, redacted)"');
    expect(r.stdout).toContain('"max_retries": 4');
    expect(h.writes()).toEqual([]);
    const j = await h.run(['set', 'openai', 'network_config.max_retries=4', '--dry-run', '--json']);
    const json = JSON.parse(j.stdout);
    expect(json).toMatchObject({ provider: 'openai', dryRun: true, saved: false, changes: [{ path: 'network_config.max_retries', kind: 'changed', before: 2, after: 4 }] });
    expect(json.body.network_config.ca_cert_pem).toBe('•••• (set, redacted)');
    expect(h.writes()).toEqual([]);
  });

  it('prints JSON when saving with --json', async () => {
    const r = await h.run(['set', 'anthropic', 'concurrency_and_buffer_size.concurrency=600', '--yes', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ provider: 'anthropic', saved: true, changes: [{ path: 'concurrency_and_buffer_size.concurrency', before: 500, after: 600 }] });
    expect(json.backup).toMatch(/^\d{8}T\d{9}Z$/);
  });

  it('a value equal to the current one is "no changes" and sends nothing', async () => {
    const r = await h.run(['set', 'openai', 'network_config.max_retries=2', '--yes']);
    expect(r).toMatchObject({ code: 0, stdout: 'no changes: openai already matches\n' });
    expect(h.writes()).toEqual([]);
  });
});

describe('providers set: refusals', () => {
  it('an unknown field path is exit 2 with close matches, before any request', async () => {
    const r = await h.run(['set', 'openai', 'network_config.max_retrys=3', '--yes']);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe('bifrost-tui: unknown field path "network_config.max_retrys"; did you mean network_config.max_retries? (the paths are listed in `providers set --help`)\n');
    const short = await h.run(['set', 'openai', 'max_retries=3', '--yes']);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('did you mean network_config.max_retries');
    expect(h.gw.requests).toEqual([]);
  });

  it('a malformed assignment is exit 2', async () => {
    const r = await h.run(['set', 'openai', 'network_config.max_retries', '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('expected path=value, got "network_config.max_retries"');
    expect((await h.run(['set', 'openai', '--yes'])).code).toBe(2);
  });

  it('concurrency above buffer size is exit 3 and nothing is written', async () => {
    const r = await h.run(['set', 'acme-llm', 'concurrency_and_buffer_size.concurrency=6000', '--yes']);
    expect(r).toMatchObject({ code: 3, stdout: '' });
    expect(r.stderr).toBe('bifrost-tui: invalid: Concurrency (6,000) must be ≤ buffer size (1,000)\n');
    expect(h.writes()).toEqual([]);
  });

  it('values that do not parse or are out of range are exit 3', async () => {
    const a = await h.run(['set', 'openai', 'network_config.max_retries=lots', '--yes']);
    expect(a.code).toBe(3);
    expect(a.stderr).toBe('bifrost-tui: invalid: Max retries: "lots" is not a number\n');
    const b = await h.run(['set', 'openai', 'network_config.max_retries=11', '--yes']);
    expect(b.code).toBe(3);
    expect(b.stderr).toBe('bifrost-tui: invalid: Max retries: must be 0–10 (got 11)\n');
    const c = await h.run(['set', 'acme-llm', 'custom_provider_config.base_provider_type=anthropic', '--yes']);
    expect(c.code).toBe(3);
    expect(c.stderr).toContain('cannot be changed after creation');
    const d = await h.run(['set', 'acme-llm', 'custom_provider_config.allowed_requests.embedding=maybe', '--yes']);
    expect(d.code).toBe(3);
    const f = await h.run(['set', 'openai', 'custom_provider_config.allowed_requests.embedding=false', '--yes']);
    expect(f.code).toBe(3);
    expect(f.stderr).toBe('bifrost-tui: invalid: custom_provider_config.allowed_requests applies to custom providers only; openai is built-in\n');
    const e = await h.run(['set', 'groq', 'proxy_config.url=not a url', '--yes']);
    expect(e.code).toBe(3);
    expect(e.stderr).toContain('Proxy URL: must be a valid URL');
    expect(h.writes()).toEqual([]);
  });

  it('a missing provider is exit 5 and nothing is PUT (PUT would create it)', async () => {
    const r = await h.run(['set', 'opnai', 'network_config.max_retries=3', '--yes']);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/^bifrost-tui: provider "opnai" is not configured on /);
    expect(h.writes()).toEqual([]);
  });

  it('without a terminal and without --yes refuses with exit 1 after showing the diff', async () => {
    const r = await h.run(['set', 'openai', 'network_config.max_retries=3']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('~ network_config.max_retries: 2 → 3');
    expect(r.stderr).toBe('bifrost-tui: refusing to write without confirmation (stdin is not a terminal): pass --yes\n');
    expect(h.writes()).toEqual([]);
  });

  it('asks on a terminal: "y" saves (after a fresh GET), anything else does not', async () => {
    const no = await h.run(['set', 'openai', 'network_config.max_retries=3'], { isTTY: true, stdin: 'n\n' });
    expect(no.code).toBe(1);
    expect(no.stderr).toBe('Save 1 change to openai on ' + h.gw.url + '? [y/N] bifrost-tui: not confirmed: nothing was written\n');
    expect(h.writes()).toEqual([]);
    h.gw.requests.length = 0;
    const yes = await h.run(['set', 'openai', 'network_config.max_retries=3'], { isTTY: true, stdin: 'y\n' });
    expect(yes.code).toBe(0);
    // the read, the gateway's version and auth status (v2: its admin-session gates) before the write, the re-check after the prompt, the PUT, the confirming read
    expect(h.gw.requests.map((q) => `${q.method} ${q.url}`)).toEqual([
      'GET /api/providers/openai', 'GET /api/version', 'GET /api/session/is-auth-enabled', 'GET /api/providers/openai', 'PUT /api/providers/openai', 'GET /api/providers/openai',
    ]);
  });

  it('refuses when the provider changes while the prompt is open (exit 6)', async () => {
    const stdin = new PassThrough();
    const run = h.run(['set', 'openai', 'network_config.max_retries=3'], { isTTY: true, stdinStream: stdin });
    // Answer only after the first GET, having changed the provider behind the command's back.
    while (h.gets().length === 0) await new Promise((r) => setTimeout(r, 5));
    h.gw.mutateProvider('openai', (p) => {
      p.network_config!.max_retries = 7;
    });
    stdin.end('y\n');
    const r = await run;
    expect(r.code).toBe(6);
    expect(r.stderr).toContain('bifrost-tui: openai changed on the gateway while waiting for confirmation (network_config.max_retries): nothing was written; run the command again\n');
    expect(r.stdout).toContain('Changed on the gateway meanwhile:\n  ~ network_config.max_retries: 2 → 7\n');
    expect(h.writes()).toEqual([]);
  });

  it('with --yes too, the gateway is re-checked right before the PUT: a change since the first read is refused (exit 6), no backup kept', async () => {
    let reads = 0;
    const r = await h.run(['set', 'openai', 'network_config.max_retries=3', '--yes'], {
      wrapClient: (c) => ({
        ...c,
        getProvider: async (name, o) => {
          const p = await c.getProvider(name, o);
          // another writer lands right after the command's first read
          if (++reads === 1) h.gw.mutateProvider('openai', (s) => void (s.network_config!.retry_backoff_initial = 2000));
          return p;
        },
        updateProvider: (name, body, o) => c.updateProvider(name, body, o),
      }),
    });
    expect(r.code).toBe(6);
    expect(r.stderr).toContain('openai changed on the gateway');
    expect(h.writes()).toEqual([]);
    expect(JSON.parse((await h.run(['history', 'openai', '--json'])).stdout).versions).toHaveLength(0);
    expect(h.gw.storedProvider('openai')?.network_config?.retry_backoff_initial).toBe(2000);
  });

  it('a save the gateway refuses leaves no history entry (nothing was written); a save that happened leaves one', async () => {
    h.gw.addFault({ method: 'PUT', status: 400, message: 'Concurrency must be greater than 0', times: 1 });
    const refused = await h.run(['set', 'openai', 'network_config.max_retries=3', '--yes']);
    expect(refused.code).toBe(3);
    const history = await h.run(['history', 'openai', '--json']);
    expect(JSON.parse(history.stdout).versions).toHaveLength(0);
    expect((await h.run(['set', 'openai', 'network_config.max_retries=3', '--yes'])).code).toBe(0);
    expect(JSON.parse((await h.run(['history', 'openai', '--json'])).stdout).versions).toHaveLength(1);
  });

  it('a read-only profile refuses writes with exit 1 but allows --dry-run', async () => {
    h.store.upsert({ name: 'prod', url: h.gw.url, auth: 'none', readOnly: true });
    const r = await h.run(['set', 'openai', 'network_config.max_retries=3', '--yes', '--profile', 'prod'], { noUrl: true });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('bifrost-tui: profile "prod" is read-only: nothing was written\n');
    expect(h.gw.requests).toEqual([]);
    const dry = await h.run(['set', 'openai', 'network_config.max_retries=3', '--dry-run', '--profile', 'prod'], { noUrl: true });
    expect(dry.code).toBe(0);
    expect(h.writes()).toEqual([]);
  });
});
