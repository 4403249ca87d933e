/**
 * `providers edit NAME`: the whole provider in $EDITOR (scripted editors here), checked with the form's
 * rules, reopened with the reasons on top, resumed after it was cut short, and written through the
 * pipeline: exact output, exit codes and request bodies at the demo gateway.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GatewayClient } from '../../src/api/types.js';
import { gatewayKey } from '../../src/store/state-dir.js';
import { fetchJson, setup, writable, type Harness } from './providers-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await setup();
});
afterEach(async () => {
  await h.close();
});

/**
 * An editor made of shell steps: run N (1, 2, ...) copies the file it was given to `seen-N` and applies
 * `steps[N-1]` (sed expressions; `''` saves it as it is).
 */
function scriptedEditor(steps: string[]): { env: NodeJS.ProcessEnv; seen(n: number): string; runs(): number } {
  const script = path.join(h.dir, 'editor.sh');
  const count = path.join(h.dir, 'count');
  const cases = steps.map((s, i) => `  ${i + 1}) ${s ? `sed -i ${s} "$1"` : ':'} ;;`).join('\n');
  fs.writeFileSync(script, `#!/bin/sh
n=$(cat '${count}' 2>/dev/null || echo 0); n=$((n+1)); echo $n > '${count}'
cp "$1" '${h.dir}/seen-'$n
case $n in
${cases}
  *) exit 9 ;;
esac
`, { mode: 0o700 });
  return {
    env: { PATH: process.env.PATH, EDITOR: script },
    seen: (n) => fs.readFileSync(path.join(h.dir, `seen-${n}`), 'utf8'),
    runs: () => (fs.existsSync(count) ? Number(fs.readFileSync(count, 'utf8')) : 0),
  };
}

const editsDir = (): string => path.join(h.dir, 'state', 'edits');
const keptEdits = (): string[] => (fs.existsSync(editsDir()) ? fs.readdirSync(editsDir(), { recursive: true }).map(String).filter((f) => /\.(edit\.(yaml|json)|meta\.json)$/.test(f)) : []);
const backupLine = /^saved openai: 1 change; previous version kept as (\d{8}T\d{9}Z) \(undo: bifrost-tui providers restore openai --at \1 --url http:\/\/127\.0\.0\.1:\d+\)$/;

describe('providers edit', () => {
  it('opens the whole provider as YAML with the secrets masked; a changed field is reviewed and written: exact PUT body, backup, no file left', async () => {
    const before = await fetchJson(h.gw, 'openai');
    const ed = scriptedEditor([`'s/^  max_retries: 2$/  max_retries: 5/'`]);
    const r = await h.run(['edit', 'openai', '--yes'], { env: ed.env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = r.stdout.split('\n');
    expect(out.slice(0, 2)).toEqual([`Changes to openai on ${h.gw.url}:`, '  ~ network_config.max_retries: 2 → 5']);
    expect(out[2]).toMatch(backupLine);
    expect(out.slice(3)).toEqual(['']);
    // The file: the header, then the editable object as YAML, masks as the gateway sent them.
    const file = ed.seen(1);
    expect(file.split('\n')[0]).toBe(`# Editing openai on ${h.gw.url} (YAML). Save and quit to review the`);
    expect(file).toContain('\n# Secrets are masked: leave a mask as it is to keep that secret; replace it with the\n');
    expect(file).toContain(`  ca_cert_pem: |\n    ${(before.network_config as Record<string, string>).ca_cert_pem}`);
    expect(file).not.toMatch(/^(name|provider_status|status|keys):/m);
    expect(h.puts()).toHaveLength(1);
    expect(h.puts()[0]!.json).toEqual({ ...writable(before), network_config: { ...(before.network_config as object), max_retries: 5 } });
    expect(h.history.listHistory(gatewayKey(undefined, h.gw.url), 'openai')).toHaveLength(1);
    expect(keptEdits()).toEqual([]);
  });

  it('a file that does not parse opens again with the error at the top and the typed text kept; then it is written', async () => {
    const before = await fetchJson(h.gw, 'openai');
    // Run 1: a change and a syntax error; run 2: the syntax fixed, the change left as typed.
    const ed = scriptedEditor([`-e 's/^  max_retries: 2$/  max_retries: 6/' -e 's/^network_config:$/network_config: [/'`, `'s/^network_config: \\[$/network_config:/'`]);
    const r = await h.run(['edit', 'openai', '--yes'], { env: ed.env });
    expect(r.code).toBe(0);
    expect(ed.runs()).toBe(2);
    const second = ed.seen(2).split('\n');
    const errorAt = second.indexOf('# ERROR: the file was not sent. Fix what is below, then save again (an empty file gives up):');
    expect(errorAt).toBeGreaterThan(0);
    expect(second[errorAt + 1]).toMatch(/^# {3}not valid YAML: /);
    expect(second).toContain('network_config: [');
    expect(second).toContain('  max_retries: 6');
    expect(r.stderr).toMatch(/^invalid: not valid YAML: .*\n$/);
    expect(h.puts()).toHaveLength(1);
    expect(h.puts()[0]!.json).toEqual({ ...writable(before), network_config: { ...(before.network_config as object), max_retries: 6 } });
  });

  it('the form\'s rules and unknown fields: reasons on top; saved again unchanged it stops (exit 3), keeps the file, and the next edit resumes it', async () => {
    const before = await fetchJson(h.gw, 'openai');
    const ed = scriptedEditor([`-e 's/^  max_retries: 2$/  max_retries: 11/' -e 's/^network_config:$/netwrk_config: {}\\nnetwork_config:/'`, '', `'/^netwrk_config/d'`, '', `'s/^  max_retries: 11$/  max_retries: 4/'`]);
    const first = await h.run(['edit', 'openai', '--yes'], { env: ed.env });
    const kept = keptEdits().find((f) => f.endsWith('.edit.yaml'))!;
    const file = path.join(editsDir(), kept);
    expect(first).toEqual({
      code: 3,
      stdout: '',
      stderr: 'invalid: netwrk_config: no such field (not on the gateway\'s copy, not known to this client; the gateway would ignore it); did you mean network_config?\n' +
        `bifrost-tui: not sent: netwrk_config: no such field (not on the gateway's copy, not known to this client; the gateway would ignore it); did you mean network_config?; the edit is kept in ${file} (\`bifrost-tui providers edit openai --url ${h.gw.url}\` resumes it)\n`,
    });
    expect(ed.seen(2)).toContain('#   netwrk_config: no such field');
    expect(h.writes()).toEqual([]);

    const second = await h.run(['edit', 'openai', '--yes'], { env: ed.env });
    expect(second.code).toBe(3);
    expect(second.stderr.split('\n')[0]).toMatch(/^note: resuming the unfinished edit of openai from \S+ \(empty the file to give it up\)$/);
    expect(second.stderr).toContain('invalid: network_config.max_retries (Max retries): must be 0–10 (got 11)\n');
    // The text as it was left: the typo gone, the 11 still there.
    expect(ed.seen(3)).toContain('  max_retries: 11\n');
    expect(ed.seen(4)).toContain('#   network_config.max_retries (Max retries): must be 0–10 (got 11)\n');
    expect(h.writes()).toEqual([]);

    const third = await h.run(['edit', 'openai', '--yes'], { env: ed.env });
    expect(third.code).toBe(0);
    expect(h.puts().map((p) => p.json)).toEqual([{ ...writable(before), network_config: { ...(before.network_config as object), max_retries: 4 } }]);
    expect(keptEdits()).toEqual([]);
  });

  it('an unchanged file writes nothing; an emptied one gives the edit up; a failed editor keeps the file', async () => {
    const unchanged = await h.run(['edit', 'openai', '--yes'], { env: scriptedEditor(['']).env });
    expect(unchanged).toEqual({ code: 0, stdout: 'no changes: openai already matches\n', stderr: '' });
    fs.rmSync(path.join(h.dir, 'count'));
    const emptied = await h.run(['edit', 'openai', '--yes'], { env: scriptedEditor([`-n 'd'`]).env });
    expect(emptied).toEqual({ code: 0, stdout: 'edit of openai given up (the file was emptied): nothing was sent\n', stderr: '' });
    fs.rmSync(path.join(h.dir, 'count'));
    const ed = scriptedEditor([]);
    const failed = await h.run(['edit', 'openai', '--yes'], { env: ed.env });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(new RegExp(`^bifrost-tui: ${ed.env.EDITOR} exited with 9: nothing was sent; the edit is kept in \\S+\\.edit\\.yaml \\(\`bifrost-tui providers edit openai --url \\S+\` resumes it\\)\\n$`));
    expect(keptEdits()).toHaveLength(2);
    expect(h.writes()).toEqual([]);
  });

  it('--format json (or BIFROST_TUI_EDIT_FORMAT=json): the file is JSON under # comments; a mask that is not the current one keeps the gateway\'s secret', async () => {
    const before = await fetchJson(h.gw, 'openai');
    const ed = scriptedEditor([`-e 's/"max_retries": 2,/"max_retries": 3,/' -e 's/"ca_cert_pem": "[^"]*"/"ca_cert_pem": "abcd************************wxyz"/'`]);
    const r = await h.run(['edit', 'openai', '--yes'], { env: { ...ed.env, BIFROST_TUI_EDIT_FORMAT: 'json' } });
    expect(r.code).toBe(0);
    expect(ed.seen(1)).toMatch(/^# Editing openai on .* \(JSON\)\./);
    expect(ed.seen(1)).toContain('\n{\n  "concurrency_and_buffer_size": {');
    expect(r.stderr).toBe('note: kept the gateway\'s current secret at network_config.ca_cert_pem: a masked value that is not its current one cannot be sent\n');
    expect(h.puts()).toHaveLength(1);
    expect(h.puts()[0]!.json).toEqual({ ...writable(before), network_config: { ...(before.network_config as object), max_retries: 3 } });
    const flag = await h.run(['edit', 'openai', '--format', 'xml'], { env: ed.env });
    expect(flag).toEqual({ code: 2, stdout: '', stderr: 'bifrost-tui: --format must be json or yaml, got "xml" (see --help)\n' });
  });

  it('a secret typed over its mask is sent as typed; the masks left alone go back byte for byte', async () => {
    const before = await fetchJson(h.gw, 'groq');
    const proxy = before.proxy_config as Record<string, Record<string, unknown>>;
    const ed = scriptedEditor([`'s/^    value: svc-\\*\\{24\\}rost$/    value: svc-new-user/'`]);
    const r = await h.run(['edit', 'groq', '--yes'], { env: ed.env });
    // The demo gateway plays v2.2 with dashboard auth off: a proxy change is said to need an admin session there.
    expect(r.stderr).toBe("note: the gateway's dashboard auth is off: changing proxy_config.url needs an authenticated admin session, and Bifrost v2 will refuse it (403)\n");
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[1]).toBe('  ~ proxy_config.username: •••• (set, redacted) → •••• (set, 12 chars)');
    expect(h.puts()[0]!.json).toEqual({ ...writable(before), proxy_config: { ...proxy, username: { ...proxy.username, value: 'svc-new-user' } } });
    expect((h.gw.storedProvider('groq')!.proxy_config as Record<string, any>).username.value).toBe('svc-new-user');
  });

  it('a change someone else made while the file was open: it opens again with theirs in and the edit re-applied; then both are written', async () => {
    const before = await fetchJson(h.gw, 'openai');
    const ed = scriptedEditor([`'s/^  max_retries: 2$/  max_retries: 8/'`, '']);
    let reads = 0;
    // Another writer changes the request timeout right after the command read openai (while the editor is open).
    const wrapClient = (c: GatewayClient): GatewayClient => ({
      ...c,
      getProvider: async (name, o) => {
        const p = await c.getProvider(name, o);
        if (name === 'openai' && ++reads === 1) h.gw.mutateProvider('openai', (s) => void (s.network_config!.default_request_timeout_in_seconds = 45));
        return p;
      },
    });
    const r = await h.run(['edit', 'openai', '--yes'], { env: ed.env, wrapClient });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('note: openai changed on the gateway while it was edited (network_config.default_request_timeout_in_seconds): the file opens again with that change in\n');
    const again = ed.seen(2);
    expect(again).toContain('# CHANGED ON THE GATEWAY while you edited: openai\'s network_config.default_request_timeout_in_seconds. Nothing was sent.\n');
    expect(again).toContain('  default_request_timeout_in_seconds: 45\n');
    expect(again).toContain('  max_retries: 8\n');
    expect(h.puts()).toHaveLength(1);
    expect(h.puts()[0]!.json).toEqual({ ...writable(before), network_config: { ...(before.network_config as object), max_retries: 8, default_request_timeout_in_seconds: 45 } });
  });
});
