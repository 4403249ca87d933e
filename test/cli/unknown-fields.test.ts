/**
 * A typo in a document or a path is refused with the closest name (issue 22):
 * the gateway ignores fields it does not know, so `netwrk_config` would be
 * "saved" and change nothing. Exact output and exit codes; nothing is written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommandLine } from '../../src/commands/run-cli.js';
import { setup, type Harness } from '../commands/providers-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await setup({ command: runCommandLine });
});
afterEach(async () => {
  await h.close();
});

const TYPO = '{"netwrk_config":{"max_retries":2}}';
const NOTE = 'note: stdin has no export metadata: cannot tell whether groq changed on the gateway since it was written\n';
const REFUSAL = "bifrost-tui: invalid: netwrk_config: no such field on groq (not on the gateway's copy, not known to this client; the gateway would ignore it); did you mean network_config? (--force sends it anyway)\n";

describe('providers apply of a field nobody knows', () => {
  it('is refused with "did you mean", exit 3, nothing written', async () => {
    const r = await h.run(['providers', 'apply', 'groq', '-f', '-', '--yes'], { stdin: TYPO });
    expect(r).toEqual({ code: 3, stdout: '', stderr: NOTE + REFUSAL });
    expect(h.writes()).toEqual([]);
  });

  it('--force sends it anyway, and says so', async () => {
    const r = await h.run(['providers', 'apply', 'groq', '-f', '-', '--yes', '--force'], { stdin: TYPO });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(`${NOTE}note: sending netwrk_config anyway (--force): neither the gateway's copy nor this client knows it\n`);
    expect(h.puts()).toHaveLength(1);
    expect(JSON.parse(h.puts()[0]!.body).netwrk_config).toEqual({ max_retries: 2 });
  });

  it("a field the gateway's copy has, or one this client knows from other versions, is not a typo", async () => {
    h.gw.mutateProvider('groq', (p) => Object.assign(p, { future_setting: { on: true } }));
    const file = path.join(h.dir, 'groq.json');
    fs.writeFileSync(file, JSON.stringify({ future_setting: { on: false }, pricing_overrides: [] }));
    const r = await h.run(['providers', 'apply', 'groq', '-f', file, '--yes', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
  });

  it('diff says apply would refuse; apply -f DIR holds that provider back unless --force', async () => {
    const diff = await h.run(['providers', 'diff', 'groq', '-f', '-'], { stdin: TYPO });
    expect(diff.code).toBe(1);
    expect(diff.stderr).toContain("note: apply would refuse: netwrk_config: no such field on groq (not on the gateway's copy, not known to this client; the gateway would ignore it); did you mean network_config? (--force sends it anyway)\n");
    const dir = path.join(h.dir, 'gw');
    expect((await h.run(['providers', 'export', '--all', '--output-dir', dir])).code).toBe(0);
    const file = path.join(dir, 'groq.json');
    fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), ...JSON.parse(TYPO) }));
    const apply = await h.run(['providers', 'apply', '-f', dir, '--yes']);
    expect(apply.code).toBe(3);
    expect(apply.stdout).toContain('      invalid, not applied: netwrk_config: no such field on groq');
    expect(h.writes()).toEqual([]);
    const forced = await h.run(['providers', 'apply', '-f', dir, '--yes', '--force']);
    expect(forced.code, forced.stderr + forced.stdout).toBe(0);
    expect(h.puts()).toHaveLength(1);
  });
});

describe('keys set of a path nobody knows', () => {
  it('names the closest path, exit 2, before any request', async () => {
    const before = h.gw.requests.length;
    const r = await h.run(['keys', 'set', 'groq', 'groq-key', 'wieght=0.5', '--yes']);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'bifrost-tui: unknown key field "wieght"; did you mean weight? (the paths are listed in `bifrost-tui keys set --help`)\n',
    });
    expect(h.gw.requests.length).toBe(before);
    const unset = await h.run(['keys', 'set', 'groq', 'groq-key', '--unset', 'blacklisted_model', '--yes']);
    expect(unset.stderr).toBe('bifrost-tui: unknown key field "blacklisted_model"; did you mean blacklisted_models? (the paths are listed in `bifrost-tui keys set --help`)\n');
  });
});
