/**
 * Shell completion (issue 22): commands, options and their values from the
 * command tree, profile names from the config, provider names this machine has
 * seen on the addressed gateway (no request is made). The bash script is run in
 * a real bash; zsh and fish when installed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeLine } from '../../src/commands/completion.js';
import { runCommandLine } from '../../src/commands/run-cli.js';
import { startDemoGateway, type DemoGateway } from '../../src/demo-gateway/index.js';
import { BUILTIN_PROVIDERS } from '../../src/state/provider/provider-catalog.js';
import { openProfileStore } from '../../src/store/profile-store.js';
import { CLI, requireBuiltCli } from '../helpers/tmux.js';
import { PassThrough, Readable } from 'node:stream';

let dir: string;
let env: NodeJS.ProcessEnv;
let gw: DemoGateway;

async function cli(argv: string[]): Promise<{ code: number; stdout: string }> {
  const out = new PassThrough();
  let stdout = '';
  out.on('data', (d: Buffer) => (stdout += d.toString()));
  const code = await runCommandLine(argv, { stdout: out, stderr: new PassThrough(), stdin: Readable.from([]), env, isTTY: false });
  return { code, stdout };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-complete-'));
  env = { PATH: process.env.PATH, HOME: dir, BIFROST_TUI_CONFIG_DIR: path.join(dir, 'config'), BIFROST_TUI_STATE_DIR: path.join(dir, 'state'), BIFROST_TUI_CACHE_DIR: path.join(dir, 'cache') };
  gw = await startDemoGateway({ port: 0 });
  const store = openProfileStore({ env });
  store.upsert({ name: 'prod-us', url: gw.url, auth: 'none' });
  store.upsert({ name: 'prod-eu', url: 'http://127.0.0.1:9', auth: 'none' });
  store.upsert({ name: 'staging', url: 'http://127.0.0.1:9', auth: 'none' });
});
afterAll(async () => {
  await gw.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const words = (line: string[]): string[] => {
  const c = completeLine(line, env);
  return c.kind === 'words' ? c.words.map((w) => w.split('\t')[0]!) : [`:${c.kind}`];
};

describe('__complete', () => {
  it('command words, with a description for zsh and fish', () => {
    expect(words([''])).toEqual(['providers', 'keys', 'profiles', 'fleet', 'demo-gateway', 'version', 'completion', 'help']);
    expect(words(['pro'])).toEqual(['providers', 'profiles']);
    expect(words(['providers', ''])).toEqual(['list', 'get', 'export', 'diff', 'apply', 'set', 'edit', 'history', 'restore']);
    expect(words(['--profile', 'prod-us', 'providers', 'g'])).toEqual(['get']);
    const c = completeLine(['providers', 'l'], env);
    expect(c).toEqual({ kind: 'words', words: ['list\tconfigured providers: name, kind, status, base URL, concurrency, note'] });
  });

  it('options of the command at the cursor, and their values', () => {
    expect(words(['providers', 'apply', 'groq', '--f'])).toEqual(['--file', '--force']);
    expect(words(['providers', 'list', '-o', ''])).toEqual(['table', 'json', 'yaml']);
    expect(words(['providers', 'list', '--output', 'y'])).toEqual(['yaml']);
    expect(words(['profiles', 'add', 'x', '--auth', ''])).toEqual(['none', 'bearer', 'basic']);
    expect(words(['profiles', 'edit', 'x', '--color', 'r'])).toEqual(['red']);
    expect(words(['completion', ''])).toEqual(['bash', 'zsh', 'fish']);
    expect(words(['providers', 'apply', 'groq', '-f', ''])).toEqual([':file']);
    expect(words(['providers', 'export', '--all', '--output-dir', ''])).toEqual([':dir']);
    expect(words(['--'])).toEqual([
      '--profile', '--url', '--api-key', '--setup-token', '--demo', '--gateway-version', '--timeout', '--refresh', '--no-color', '--help', '--version', '--output', '--json', '--quiet',
    ]);
  });

  it('profile names from the local config', () => {
    expect(words(['--profile', ''])).toEqual(['prod-eu', 'prod-us', 'staging']);
    expect(words(['providers', 'list', '--profile', 'prod-'])).toEqual(['prod-eu', 'prod-us']);
    expect(words(['profiles', 'show', 's'])).toEqual(['staging']);
    expect(words(['fleet', 'diff', '--profiles', 'prod-us,'])).toEqual(['prod-us,prod-eu', 'prod-us,staging']);
    expect(words(['fleet', 'push', 'groq', '--from', 'st'])).toEqual(['staging']);
  });

  it('provider names: the built-in names until this gateway was listed, then the names it had; no request is made', async () => {
    const requests = gw.requests.length;
    expect(words(['providers', 'get', '--profile', 'prod-us', ''])).toEqual([...BUILTIN_PROVIDERS]);
    expect(gw.requests.length).toBe(requests);
    expect((await cli(['providers', 'list', '--profile', 'prod-us'])).code).toBe(0);
    const listed = ['acme-llm', 'anthropic', 'azure', 'groq', 'ollama', 'openai'];
    expect(words(['providers', 'get', '--profile', 'prod-us', ''])).toEqual(listed);
    expect(words(['--profile', 'prod-us', 'keys', 'list', 'a'])).toEqual(['acme-llm', 'anthropic', 'azure']);
    // The default profile (BIFROST_PROFILE) and the same gateway by URL are other keys of the local files.
    expect(completeLine(['providers', 'get', ''], { ...env, BIFROST_PROFILE: 'prod-us' })).toMatchObject({ words: listed });
    expect(words(['providers', 'get', '--profile', 'staging', 'gr'])).toEqual(['groq']);
    const after = gw.requests.length;
    words(['providers', 'get', '--profile', 'prod-us', '']);
    expect(gw.requests.length).toBe(after);
  });
});

describe('the scripts in real shells', () => {
  let bin: string;
  beforeAll(() => {
    requireBuiltCli();
    bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'bifrost-tui'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`, { mode: 0o755 });
  });
  const shellEnv = (): NodeJS.ProcessEnv => ({ ...env, PATH: `${bin}:${process.env.PATH}` });

  it('bash: COMPREPLY holds the candidates of the word at the cursor', async () => {
    const script = (await cli(['completion', 'bash'])).stdout;
    const complete = (line: string[]): string[] => {
      const program = `${script}\nCOMP_WORDS=(${line.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${line.length - 1}\n_bifrost_tui_complete\nprintf '%s\\n' "\${COMPREPLY[@]}"`;
      return execFileSync('bash', ['-c', program], { encoding: 'utf8', env: shellEnv() }).split('\n').filter(Boolean);
    };
    expect(complete(['bifrost-tui', 'prov'])).toEqual(['providers']);
    expect(complete(['bifrost-tui', 'providers', 'list', '-o', ''])).toEqual(['table', 'json', 'yaml']);
    expect(complete(['bifrost-tui', '--profile', 'prod-'])).toEqual(['prod-eu', 'prod-us']);
    expect(complete(['bifrost-tui', '--profile', 'prod-us', 'providers', 'get', 'o'])).toEqual(['ollama', 'openai']);
    fs.writeFileSync(path.join(dir, 'gw-file.json'), '{}');
    const files = execFileSync('bash', ['-c', `${script}\ncd '${dir}'; COMP_WORDS=(bifrost-tui providers apply groq -f gw-); COMP_CWORD=5\n_bifrost_tui_complete\nprintf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8', env: shellEnv() });
    expect(files.split('\n').filter(Boolean)).toEqual(['gw-file.json']);
  });

  it.skipIf(spawnSync('zsh', ['--version']).status !== 0)('zsh: the script loads and completes', async () => {
    const script = (await cli(['completion', 'zsh'])).stdout;
    const file = path.join(dir, '_bifrost-tui');
    fs.writeFileSync(file, script);
    const r = spawnSync('zsh', ['-c', `autoload -Uz compinit && compinit -u -d ${dir}/zcomp; source ${file}; print -r -- \${_comps[bifrost-tui]}`], { encoding: 'utf8', env: shellEnv() });
    expect(r.stdout.trim(), r.stderr).toBe('_bifrost_tui');
  });

  it.skipIf(spawnSync('fish', ['--version']).status !== 0)('fish: the script completes', async () => {
    const script = (await cli(['completion', 'fish'])).stdout;
    const file = path.join(dir, 'bifrost-tui.fish');
    fs.writeFileSync(file, script);
    const r = spawnSync('fish', ['-c', `source ${file}; complete -C 'bifrost-tui --profile prod-'`], { encoding: 'utf8', env: shellEnv() });
    expect(r.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0])).toEqual(['prod-eu', 'prod-us']);
  });
});
