/**
 * Output formats as kubectl and gh users expect (issue 22): every read command
 * prints a table, JSON or YAML (-o table|json|yaml; --json = -o json), the same
 * data in both data formats, with fields that are data; nothing is cut with …
 * when stdout is not a terminal; export writes YAML that apply reads back.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommandLine } from '../../src/commands/run-cli.js';
import { setup, type Harness } from '../commands/providers-harness.js';

let h: Harness;
let file: string;
beforeEach(async () => {
  h = await setup({ command: runCommandLine });
  h.store.upsert({ name: 'alpha', url: h.gw.url, auth: 'none' });
  h.store.upsert({ name: 'bravo', url: h.gw.url, auth: 'none', label: 'PROD' });
  file = path.join(h.dir, 'groq.json');
  fs.writeFileSync(file, '{"network_config":{"max_retries":4}}');
  // One backup of groq and of its key, for the history commands.
  expect((await h.run(['providers', 'set', 'groq', 'network_config.max_retries=3', '--yes'])).code).toBe(0);
  expect((await h.run(['keys', 'set', 'groq', 'groq-key', 'weight=0.5', '--yes'])).code).toBe(0);
});
afterEach(async () => {
  await h.close();
});

/** Every read command, with what it needs; `url`: it takes the connection options. */
const READS: Array<{ argv: string[]; url: boolean; exit?: number }> = [
  { argv: ['providers', 'list'], url: true },
  { argv: ['providers', 'get', 'groq'], url: true },
  { argv: ['providers', 'export', 'groq'], url: true },
  { argv: ['providers', 'history', 'groq'], url: true },
  { argv: ['providers', 'diff', 'groq', '-f', '<file>'], url: true, exit: 1 },
  { argv: ['keys', 'list', 'groq'], url: true },
  { argv: ['keys', 'get', 'groq', 'groq-key'], url: true },
  { argv: ['keys', 'history', 'groq', 'groq-key'], url: true },
  { argv: ['profiles', 'list'], url: false },
  { argv: ['profiles', 'show', 'bravo'], url: false },
  // groq's proxy username is the same mask on both gateways: the same as far as can be seen, never verified (exit 9).
  { argv: ['fleet', 'diff', 'groq', '--profiles', 'alpha,bravo'], url: false, exit: 9 },
];

describe('every read command', () => {
  it('prints table, JSON and YAML; the data formats hold the same data; --json is -o json', async () => {
    for (const { argv: raw, url, exit = 0 } of READS) {
      const argv = raw.map((a) => (a === '<file>' ? file : a));
      const run = (...extra: string[]) => h.run([...argv, ...extra], { noUrl: !url });
      const what = argv.join(' ');
      const json = await run('-o', 'json');
      expect(json.code, `${what} -o json: ${json.stderr}`).toBe(exit);
      const data = JSON.parse(json.stdout) as unknown;
      expect((await run('--json')).stdout, `${what} --json`).toBe(json.stdout);
      const yaml = await run('-o', 'yaml');
      expect(yaml.code, `${what} -o yaml: ${yaml.stderr}`).toBe(exit);
      expect(yaml.stdout.trimStart().startsWith('{'), `${what} -o yaml is YAML`).toBe(false);
      expect(parseYaml(yaml.stdout), `${what}: YAML and JSON hold the same data`).toEqual(data);
      const table = await run('-o', 'table');
      expect(table.code, `${what} -o table: ${table.stderr}`).toBe(exit);
      expect(() => JSON.parse(table.stdout), `${what} -o table is text`).toThrow();
      if (!raw.includes('export')) expect((await run()).stdout, `${what}: table is the default`).toBe(table.stdout);
    }
  });

  it('refuses a format it does not know (exit 2), and --json with another -o', async () => {
    expect(await h.run(['providers', 'list', '-o', 'xml'])).toEqual({ code: 2, stdout: '', stderr: 'bifrost-tui: -o/--output takes table, json, yaml, got "xml" (see --help)\n' });
    expect((await h.run(['providers', 'list', '-o', 'yaml', '--json'])).stderr).toBe('bifrost-tui: --json and -o yaml ask for different formats: give one (see --help)\n');
  });
});

describe('data, not display text', () => {
  it('providers list: kind and base type are fields; keys: the value source is an object', async () => {
    const list = JSON.parse((await h.run(['providers', 'list', '-o', 'json'])).stdout) as { providers: Array<Record<string, unknown>> };
    expect(list.providers.find((p) => p.name === 'acme-llm')).toMatchObject({ kind: 'custom', base_provider_type: 'openai' });
    expect(list.providers.find((p) => p.name === 'groq')).toMatchObject({ kind: 'built-in', base_provider_type: null });
    const keys = JSON.parse((await h.run(['keys', 'list', 'groq', '-o', 'json'])).stdout) as { keys: Array<Record<string, unknown>> };
    expect(keys.keys.find((k) => k.name === 'groq-key')!.value_source).toEqual({ type: 'stored', last4: 'f8Gh' });
  });
});

describe('nothing is cut when stdout is not a terminal', () => {
  it('a long status text is whole in a pipe and cut to fit on a terminal', async () => {
    const long = `upstream said: ${'the model listing failed because of a very long reason '.repeat(3).trim()}`;
    await fetch(`${h.gw.url}/__demo/providers/groq/status`, { method: 'PUT', body: JSON.stringify({ status: 'list_models_failed', description: long }) });
    const piped = await h.run(['providers', 'list']);
    expect(piped.stdout).toContain(`list_models_failed: ${long}\n`);
    expect(piped.stdout).not.toContain('…');
    const get = await h.run(['providers', 'get', 'groq']);
    expect(get.stdout).toContain(`note: list_models_failed: ${long}\n`);
    const terminal = await h.run(['providers', 'list'], { stdoutIsTTY: true });
    expect(terminal.stdout).toMatch(/list_models_failed: upstream said: .{20,}…\n/);
  });
});

describe('export and get', () => {
  it('export -o yaml is a document apply reads back (no change); -o table is path: value lines, secrets masked', async () => {
    const yamlFile = path.join(h.dir, 'groq.yaml');
    const r = await h.run(['providers', 'export', 'groq', '--output-file', yamlFile]);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: `exported groq to ${yamlFile}\n` });
    const text = fs.readFileSync(yamlFile, 'utf8');
    expect(text).toMatch(/^_bifrost_tui:\n {2}exported_from: [0-9a-f]{64}\n/);
    const back = await h.run(['providers', 'apply', 'groq', '-f', yamlFile, '--yes']);
    expect(back).toMatchObject({ code: 0, stdout: 'no changes: groq already matches\n' });
    const table = await h.run(['providers', 'export', 'groq', '-o', 'table']);
    expect(table.stdout).toContain('network_config.max_retries: 3\n');
    expect(table.stdout).toContain('proxy_config.username: •••• (set, redacted)\n');
  });

  it('-o FILE (the old spelling) still writes the file, with a note', async () => {
    const out = path.join(h.dir, 'old.json');
    const r = await h.run(['providers', 'export', 'groq', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`note: -o FILE is deprecated (-o now takes the format: table, json, yaml); use --output-file ${out}\nexported groq to ${out}\n`);
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).network_config.max_retries).toBe(3);
  });
});
