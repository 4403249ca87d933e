/**
 * Every command the CLI prints for the user to run next (undo lines, "see …")
 * runs as printed: it is split by a real shell and run, on the same gateway,
 * with nothing added (issue 22). The places that print commands are found by
 * the last test, so a new one cannot skip this.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommandLine } from '../../src/commands/run-cli.js';
import { shellLine } from '../../src/state/cli/shell-quote.js';
import { setup, type Harness, type Run } from '../commands/providers-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await setup({ command: runCommandLine });
  h.store.upsert({ name: 'prod-us', url: h.gw.url, auth: 'none' });
  h.store.upsert({ name: 'staging', url: 'http://127.0.0.1:9', auth: 'none' });
  h.store.setDefault('staging');
});
afterEach(async () => {
  await h.close();
});

/** The command in `text` after `marker` (between backticks, or up to the closing parenthesis), split by sh. */
function printed(text: string, marker: string): string[] {
  const at = text.indexOf(marker);
  expect(at, `"${marker}" in:\n${text}`).toBeGreaterThanOrEqual(0);
  const rest = text.slice(at + marker.length);
  const line = marker.endsWith('`') ? rest.slice(0, rest.indexOf('`')) : rest.slice(0, rest.lastIndexOf(')'));
  expect(line.startsWith('bifrost-tui '), line).toBe(true);
  const words = execFileSync('sh', ['-c', `printf '%s\\0' ${line.slice('bifrost-tui '.length)}`], { encoding: 'utf8' });
  return words.split('\0').slice(0, -1);
}

/** Runs a printed command as a user at a terminal would: nothing added, "y" typed if it asks. */
async function runPrinted(argv: string[]): Promise<Run> {
  const stdin = new PassThrough();
  const r = h.run(argv, { noUrl: true, isTTY: true, stdinStream: stdin });
  stdin.end('y\n');
  return r;
}

const retries = () => (h.gw.storedProvider('groq')!.network_config as { max_retries?: number }).max_retries;

describe('undo lines', () => {
  it('providers set --profile P --yes prints an undo that restores on the same profile', async () => {
    const before = retries();
    const r = await h.run(['providers', 'set', 'groq', 'network_config.max_retries=7', '--profile', 'prod-us', '--yes'], { noUrl: true });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\(undo: bifrost-tui providers restore groq --at \d{8}T\d{9}Z --profile prod-us\)\n$/);
    expect(retries()).toBe(7);
    const undo = await runPrinted(printed(r.stdout, '(undo: '));
    expect(undo.code, undo.stderr).toBe(0);
    expect(retries()).toBe(before);
  });

  it('the profile named by BIFROST_PROFILE, the URL, and a --timeout are carried too', async () => {
    const viaEnv = await h.run(['providers', 'set', 'groq', 'network_config.max_retries=4', '--yes'], { noUrl: true, env: { PATH: process.env.PATH, BIFROST_PROFILE: 'prod-us' } });
    expect(viaEnv.stdout).toMatch(/--profile prod-us\)\n$/);
    const viaUrl = await h.run(['--timeout', '9000', 'providers', 'set', 'groq', 'network_config.max_retries=5', '--yes', '--url', h.gw.url], { noUrl: true });
    expect(viaUrl.stdout).toMatch(new RegExp(`--url ${h.gw.url.replace(/[.]/g, '\\.')} --timeout 9000\\)\\n$`));
    const undo = await runPrinted(printed(viaUrl.stdout, '(undo: '));
    expect(undo.code, undo.stderr).toBe(0);
    expect(retries()).toBe(4);
  });

  it('a name that needs quoting is quoted for the shell', async () => {
    const name = "team's llm";
    const res = await fetch(`${h.gw.url}/api/providers`, {
      method: 'POST',
      body: JSON.stringify({ provider: name, network_config: { base_url: 'https://llm.example.com' }, custom_provider_config: { base_provider_type: 'openai' } }),
    });
    expect(res.status, await res.text()).toBeLessThan(300);
    const r = await h.run(['providers', 'set', name, 'network_config.max_retries=2', '--profile', 'prod-us', '--yes'], { noUrl: true });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`(undo: bifrost-tui providers restore 'team'\\''s llm' --at `);
    const argv = printed(r.stdout, '(undo: ');
    expect(argv.slice(0, 3)).toEqual(['providers', 'restore', name]);
    expect((await runPrinted(argv)).code).toBe(0);
    expect((h.gw.storedProvider(name)!.network_config as { max_retries?: number }).max_retries ?? 0).toBe(0);
  });

  it('keys set prints a keys restore that runs; keys remove prints no command that cannot run', async () => {
    const set = await h.run(['keys', 'set', 'groq', 'groq-key', 'weight=0.25', '--profile', 'prod-us', '--yes'], { noUrl: true });
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toMatch(/\(undo: bifrost-tui keys restore groq 0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0 --at \S+ --profile prod-us\)\n$/);
    expect((await runPrinted(printed(set.stdout, '(undo: '))).code).toBe(0);
    const weight = (h.gw.storedProvider('groq')!.keys as Array<{ name: string; weight: number }>).find((k) => k.name === 'groq-key')!.weight;
    expect(weight).toBe(1);
    const removed = await h.run(['keys', 'remove', 'groq', 'groq-legacy', '--profile', 'prod-us', '--yes'], { noUrl: true });
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).not.toContain('undo:');
    expect(removed.stdout).toMatch(/its value is masked there: to undo, add the key again with keys add\)\n$/);
  });
});

describe('"see …" hints', () => {
  it('each runs as printed against the same gateway', async () => {
    const cases: Array<[string[], string]> = [
      [['providers', 'get', 'nope', '--profile', 'prod-us'], '(see `'],
      [['keys', 'get', 'groq', 'nokey', '--profile', 'prod-us'], '(see `'],
      [['providers', 'restore', 'groq', '--at', '20200101T000000000Z', '--profile', 'prod-us', '--yes'], '(see `'],
      [['keys', 'restore', 'groq', 'groq-key', '--at', '20200101T000000000Z', '--profile', 'prod-us', '--yes'], '(see `'],
      [['profiles', 'show', 'nope'], '(see `'],
      [['profiles', 'add', 'prod-us', '--url', 'http://127.0.0.1:1'], '(see `'],
    ];
    for (const [argv, marker] of cases) {
      const r = await h.run(argv, { noUrl: true });
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).not.toBe(0);
      const again = printed(r.stderr, marker);
      const run = await runPrinted(again);
      expect(run.code, `${again.join(' ')}: ${run.stderr}`).toBe(0);
    }
  });

  it('a key the gateway still shows after a write names a keys get that runs', async () => {
    const res = await fetch(`${h.gw.url}/api/providers/groq/keys/0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0`);
    const stale = (await res.json()) as Record<string, unknown>;
    // Stale for the read, the re-check right before the write and the confirming read.
    h.gw.addFault({ method: 'GET', path: '/api/providers/groq/keys/0f1e2d3c', status: 200, rawBody: JSON.stringify(stale), times: 3 });
    const r = await h.run(['keys', 'disable', 'groq', 'groq-key', '--profile', 'prod-us', '--yes'], { noUrl: true });
    expect(r.code, r.stderr).toBe(0);
    const again = printed(r.stderr, 'check again with `');
    expect(again).toEqual(['keys', 'get', 'groq', '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0', '--profile', 'prod-us']);
    expect((await runPrinted(again)).code).toBe(0);
  });
});

describe('shell quoting', () => {
  it('sh reads back every word as it was', () => {
    const words = ['plain', 'a b', "it's", '$HOME', '`x`', 'a"b', '*', '', 'x;y', 'ü', '--at=1', 'tab\there'];
    const line = shellLine(words);
    const back = execFileSync('sh', ['-c', `printf '%s\\0' ${line}`], { encoding: 'utf8' }).split('\0').slice(0, -1);
    expect(back).toEqual(words);
    expect(shellLine(['providers', 'restore', 'groq', '--at', '20261126T140733123Z', '--url', 'http://127.0.0.1:8080'])).toBe(
      'providers restore groq --at 20261126T140733123Z --url http://127.0.0.1:8080',
    );
  });

  it('every place in src that prints a bifrost-tui command builds it with rerunLine, is a template, or runs as printed', async () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const f of readdirSync(dir)) {
        const p = path.join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(f)) files.push(p);
      }
    };
    walk('src');
    // A command named in a message: built by rerunLine (quoted, with the connection), a template whose
    // placeholders are in capitals (NAME, URL), or a whole command that is run below. Help text (the command
    // tree), comments and error-line prefixes ("bifrost-tui profiles: …") are not commands.
    const offenders: string[] = [];
    const whole: string[] = [];
    for (const file of files.filter((f) => !f.includes(`${path.sep}tree${path.sep}`))) {
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        if (/^\s*(\*|\/\/|\/\*)/.test(line) || line.includes('rerunLine(')) return;
        for (const m of line.matchAll(/bifrost-tui (?:providers|keys|profiles|fleet|version|completion|help|demo-gateway)\b([^`'"]*)/g)) {
          if (m[1] === '' || m[1]!.startsWith(':') || /\b[A-Z]{2,}\b/.test(m[0])) continue;
          if (m[0].includes('${')) offenders.push(`${file}:${i + 1}: ${m[0]}`);
          else whole.push(m[0].replace(/\s+(>|to ).*$/, '').replace(/[\\)\s]+$/, ''));
        }
      });
    }
    expect(offenders).toEqual([]);
    expect(whole).toContain('bifrost-tui keys set --help');
    for (const line of new Set(whole)) {
      const r = await h.run(line.split(' ').slice(1), { noUrl: true });
      expect(r.code, `${line}: ${r.stderr}`).toBe(0);
    }
  });
});
