/** A broken config file is one clear line and the same exit code everywhere; the file is never touched. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runProfilesCommand } from '../../src/commands/profiles.js';
import { runProvidersCommand } from '../../src/commands/providers.js';
import { type CommandIO } from '../../src/commands/types.js';
import { EXIT } from '../../src/state/exit-codes.js';

function io(env: NodeJS.ProcessEnv): CommandIO & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let o = '';
  let e = '';
  stdout.on('data', (d) => (o += String(d)));
  stderr.on('data', (d) => (e += String(d)));
  return { stdout, stderr, stdin: new PassThrough(), env, isTTY: false, out: () => o, err: () => e };
}

describe('a corrupted config file', () => {
  it('gives the same one-line error and exit code from profiles and providers, and stays byte for byte', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bt-cfg-'));
    const file = path.join(dir, 'config.json');
    const broken = '{"version": 1, "profiles": {"prod": {"url": "https://gw"';
    writeFileSync(file, broken, { mode: 0o600 });
    const env = { BIFROST_TUI_CONFIG_DIR: dir, PATH: process.env.PATH };
    const a = io(env);
    const b = io(env);
    const codeProfiles = await runProfilesCommand(['list'], a);
    const codeProviders = await runProvidersCommand(['list'], b);
    expect(codeProfiles).toBe(EXIT.validation);
    expect(codeProviders).toBe(EXIT.validation);
    for (const err of [a.err(), b.err()]) {
      expect(err.trim().split('\n')).toHaveLength(1);
      expect(err).toContain(file);
      expect(err).toContain('invalid JSON');
    }
    expect(a.out() + b.out()).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(broken);
  });
});

describe('a config file that is valid JSON but not an object', () => {
  for (const text of ['[1,2,3]', 'null', '42', '"text"']) {
    it(`refuses ${text} with exit 3 and leaves the file byte for byte`, async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'bt-cfg-'));
      const file = path.join(dir, 'config.json');
      writeFileSync(file, text, { mode: 0o600 });
      const env = { BIFROST_TUI_CONFIG_DIR: dir, PATH: process.env.PATH };
      const a = io(env);
      const code = await runProfilesCommand(['list'], a);
      expect(code).toBe(EXIT.validation);
      expect(a.err().trim().split('\n')).toHaveLength(1);
      expect(a.err()).toContain(file);
      expect(a.err()).toContain('not a JSON object');
      expect(readFileSync(file, 'utf8')).toBe(text);
    });
  }
});
