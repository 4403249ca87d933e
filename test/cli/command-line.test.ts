/**
 * Scripts can trust the command line (issue 22): options before the command
 * words, an unknown word named with the closest command (exit 2, also without
 * a terminal), `version` and `completion`. The built CLI, exact output.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoGateway, type DemoGateway } from '../../src/demo-gateway/index.js';
import { cliDirs, type CliDirs } from './cli-helpers.js';

let gw: DemoGateway;
let cli: CliDirs;
const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

beforeAll(async () => {
  gw = await startDemoGateway({ port: 0 });
  cli = cliDirs('bt-cmdline-');
});
afterAll(async () => {
  cli.close();
  await gw.close();
});

const names = (stdout: string): string[] => (JSON.parse(stdout) as { providers: Array<{ name: string }> }).providers.map((p) => p.name);

describe('options before the command words', () => {
  it('--url URL providers list runs the command (not the app)', async () => {
    const r = await cli.run(['--url', gw.url, 'providers', 'list', '-o', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(names(r.stdout)).toEqual(['acme-llm', 'anthropic', 'azure', 'groq', 'ollama', 'openai']);
  });

  it('--profile, --timeout, --no-color, --quiet, -o and --demo lead as well, in any mix with the words', async () => {
    expect((await cli.run(['profiles', 'add', 'prod-us', '--url', gw.url])).status).toBe(0);
    const byProfile = await cli.run(['--profile', 'prod-us', '--timeout', '5000', '--no-color', '-q', 'providers', 'get', 'groq', '-o', 'json']);
    expect(byProfile.stderr).toBe('');
    expect(byProfile.status).toBe(0);
    expect((JSON.parse(byProfile.stdout) as { name: string }).name).toBe('groq');
    const between = await cli.run(['providers', '--url', gw.url, '--json', 'list']);
    expect(between.status).toBe(0);
    expect(names(between.stdout)).toContain('openai');
    const demo = await cli.run(['--demo', 'providers', 'list', '--json']);
    expect(demo.status).toBe(0);
    expect(names(demo.stdout)).toContain('acme-llm');
  });

  it('a leading option the command does not take is named as such', async () => {
    const r = await cli.run(['--profile', 'prod-us', 'profiles', 'list']);
    expect(r).toEqual({
      status: 2,
      stdout: '',
      stderr: 'bifrost-tui profiles: --profile is not used by `bifrost-tui profiles list`; usage: bifrost-tui profiles list [options] (more: bifrost-tui profiles list --help)\n',
    });
  });

  it('an unknown leading option is refused with the usage line', async () => {
    expect(await cli.run(['--bogus', 'providers', 'list'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'bifrost-tui: unknown option --bogus; usage: bifrost-tui [--profile NAME | --url URL | --demo] [--refresh SECONDS] [--no-color] [<command> ...] (more: bifrost-tui --help)\n',
    });
  });
});

describe('an unknown command word', () => {
  it('names the closest command, exit 2, without a terminal', async () => {
    expect(await cli.run(['provider', 'list'])).toEqual({ status: 2, stdout: '', stderr: "bifrost-tui: unknown command 'provider': did you mean 'providers'?\n" });
    expect(await cli.run(['--url', gw.url, 'providers', 'lst'])).toEqual({
      status: 2,
      stdout: '',
      stderr: "bifrost-tui: unknown command 'providers lst': did you mean 'providers list'?\n",
    });
    expect(await cli.run(['profile', 'ls'])).toEqual({ status: 2, stdout: '', stderr: "bifrost-tui: unknown command 'profile': did you mean 'profiles'?\n" });
  });

  it('lists the commands when none is close', async () => {
    expect(await cli.run(['frobnicate'])).toEqual({
      status: 2,
      stdout: '',
      stderr: "bifrost-tui: unknown command 'frobnicate' (commands: providers, keys, profiles, fleet, demo-gateway, version, completion, help; see bifrost-tui --help)\n",
    });
  });

  it('the app without a terminal points to a command that runs as printed, with the same connection', async () => {
    const r = await cli.run(['--url', gw.url]);
    expect(r).toEqual({
      status: 2,
      stdout: '',
      stderr: `bifrost-tui: the interactive editor needs a terminal; for scripts use the commands, e.g. \`bifrost-tui providers list --url ${gw.url}\` (see bifrost-tui --help)\n`,
    });
    const printed = /`bifrost-tui (.*)`/.exec(r.stderr)![1]!.split(' ');
    const again = await cli.run(printed);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/^NAME\s+KIND/);
  });
});

describe('version and help', () => {
  it('version prints the version, as text or data', async () => {
    const line = `bifrost-tui ${version} (Bifrost gateways v1.4 to v2.2)\n`;
    expect(await cli.run(['version'])).toEqual({ status: 0, stdout: line, stderr: '' });
    expect(await cli.run(['-V'])).toEqual({ status: 0, stdout: line, stderr: '' });
    expect(await cli.run(['version', '-o', 'json'])).toEqual({
      status: 0,
      stdout: `{\n  "version": "${version}",\n  "gateways": {\n    "oldest": "v1.4",\n    "newest": "v2.2"\n  }\n}\n`,
      stderr: '',
    });
    expect(await cli.run(['version', '-o', 'yaml'])).toEqual({ status: 0, stdout: `version: ${version}\ngateways:\n  oldest: v1.4\n  newest: v2.2\n`, stderr: '' });
  });

  it('help COMMAND is the command\'s --help', async () => {
    const help = await cli.run(['help', 'providers', 'set']);
    expect(help.status).toBe(0);
    expect(help.stdout).toBe((await cli.run(['providers', 'set', '--help'])).stdout);
    expect(help.stdout).toMatch(/^bifrost-tui providers set: /);
    expect(await cli.run(['help', 'providrs'])).toEqual({ status: 2, stdout: '', stderr: "bifrost-tui: unknown command 'providrs': did you mean 'providers'?\n" });
  });
});

describe('completion', () => {
  it('prints a script for bash, zsh and fish; another shell is exit 2', async () => {
    const bash = await cli.run(['completion', 'bash']);
    expect(bash.status).toBe(0);
    expect(bash.stdout).toMatch(/^# bash completion for bifrost-tui/);
    expect(bash.stdout).toContain('complete -F _bifrost_tui_complete bifrost-tui\n');
    expect((await cli.run(['completion', 'zsh'])).stdout).toMatch(/^#compdef bifrost-tui\n/);
    expect((await cli.run(['completion', 'fish'])).stdout).toContain("complete -c bifrost-tui -f -a '(__bifrost_tui_complete)'\n");
    expect(await cli.run(['completion', 'bsh'])).toEqual({ status: 2, stdout: '', stderr: "bifrost-tui: unknown shell 'bsh': did you mean 'bash'? (bash, zsh or fish)\n" });
    expect(await cli.run(['completion'])).toEqual({ status: 2, stdout: '', stderr: 'bifrost-tui: usage: bifrost-tui completion SHELL\n' });
  });
});

describe('exit codes in help', () => {
  it('providers --help lists every code its commands can return, 8 (partly applied) and 9 (unverified) included', async () => {
    const r = await cli.run(['providers', '--help']);
    expect(r.status).toBe(0);
    const codes = [...r.stdout.matchAll(/^ {2}(\d) {2}/gm)].map((m) => Number(m[1]));
    expect(codes).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(r.stdout).toContain('\n  8  partly applied: apply -f DIR or fleet push wrote some providers (targets)\n');
  });
});
