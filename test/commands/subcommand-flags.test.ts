/** Every subcommand takes --demo; an unknown option gets the app's own one-line message with the command's usage. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, requireBuiltCli } from '../helpers/tmux.js';

let dir: string;
beforeAll(() => {
  requireBuiltCli();
  dir = mkdtempSync(join(tmpdir(), 'bt-subflags-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 }));

function cli(...args: string[]) {
  const env = { ...process.env, BIFROST_TUI_CONFIG_DIR: join(dir, 'config'), BIFROST_TUI_STATE_DIR: join(dir, 'state') };
  return spawnSync('node', [CLI, ...args], { encoding: 'utf8', env, timeout: 20_000, input: '' });
}

describe('subcommand flags', () => {
  it('providers commands run against an embedded demo gateway with --demo', () => {
    const list = cli('providers', 'list', '--demo', '--json');
    expect(list.stderr).toBe('');
    expect(list.status).toBe(0);
    expect((JSON.parse(list.stdout) as { providers: Array<{ name: string }> }).providers.map((p) => p.name)).toContain('openai');
    const get = cli('providers', 'get', 'openai', '--demo');
    expect(get.status).toBe(0);
    expect(get.stdout).toContain('network_config.base_url');
    expect(cli('demo-gateway', '--demo', '--help').status).toBe(0);
  });

  it('an unknown option is one line of our own, with the usage of that command', () => {
    const r = cli('providers', 'get', 'openai', '--bogus');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('bifrost-tui: unknown option --bogus; usage: bifrost-tui providers get NAME [options] (more: bifrost-tui providers get --help)\n');
    const top = cli('--bogus');
    expect(top.status).toBe(2);
    expect(top.stderr.trim().split('\n')).toHaveLength(1);
    expect(top.stderr).toMatch(/^bifrost-tui: unknown option --bogus; usage: bifrost-tui \[/);
    const profiles = cli('profiles', 'list', '--bogus=s3cretvalue');
    expect(profiles.status).toBe(2);
    expect(profiles.stderr).toBe('bifrost-tui profiles: unknown option --bogus; usage: bifrost-tui profiles list [options] (more: bifrost-tui profiles list --help)\n');
    for (const out of [r.stderr, top.stderr, profiles.stderr]) expect(out).not.toMatch(/positional|To specify|s3cret/);
    const missing = cli('providers', 'list', '--url');
    expect(missing.stderr).toBe('bifrost-tui: --url needs a value; usage: bifrost-tui providers list [options] (more: bifrost-tui providers list --help)\n');
  });
});
