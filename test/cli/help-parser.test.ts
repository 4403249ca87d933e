/**
 * --help and the parser cannot disagree (issue 22): every option a command's
 * help names is accepted by that command's real parser, every option the
 * parser takes is in its help, and the exit codes come from
 * src/state/exit-codes.ts (a group lists those of all its commands).
 */
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { allOptions, childByWord, commandPaths, exitCodes, findCommand, helpText } from '../../src/commands/help.js';
import { runCommandLine } from '../../src/commands/run-cli.js';
import { optionLabel } from '../../src/state/cli/option-spec.js';
import { EXIT, EXIT_CODES, EXIT_MEANINGS } from '../../src/state/exit-codes.js';
import { ROOT } from '../../src/commands/tree/root.js';
import type { CommandSpec } from '../../src/commands/tree/types.js';

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d: Buffer) => (stdout += d.toString()));
  err.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await runCommandLine(argv, { stdout: out, stderr: err, stdin: Readable.from([]), env: { PATH: process.env.PATH, HOME: '/nonexistent' }, isTTY: false });
  return { code, stdout, stderr };
}

/** Does the real parser of the command at `path` take `flag`? (It then prints that command's help, exit 0.) */
async function accepts(path: readonly string[], flag: string): Promise<boolean> {
  const spec = findCommand(path)!;
  const name = flag.startsWith('--') ? flag.slice(2) : Object.entries(allOptions(spec)).find(([, o]) => o.short === flag.slice(1))?.[0];
  const takesValue = name !== undefined && allOptions(spec)[name]?.type === 'string';
  const r = await run([...path, flag, ...(takesValue ? ['json'] : []), '--help']);
  return r.code === 0 && r.stdout === helpText(path);
}

const leaves = (node: CommandSpec = ROOT, path: string[] = []): string[][] =>
  (node.children ?? []).filter((c) => !c.hidden && c.name !== 'help').flatMap((c) => (c.children ? leaves(c, [...path, c.name]) : [[...path, c.name]]));

/** The leaf paths under `path` (itself when it is one). */
const under = (path: string[]): string[][] => {
  const spec = findCommand(path)!;
  return spec.children ? leaves(spec, path) : [path];
};

const FLAG = /(?<![\w./-])(--[a-z][a-z0-9-]*|-[a-zA-Z])(?![\w-])/g;

/** The command a line of help runs (`bifrost-tui providers set …`), or undefined. */
function commandOnLine(line: string): string[] | undefined {
  const at = line.lastIndexOf('bifrost-tui ');
  if (at < 0) return undefined;
  let node = ROOT;
  const path: string[] = [];
  for (const word of line.slice(at + 'bifrost-tui '.length).split(/\s+/)) {
    if (word.startsWith('-')) continue;
    const child = childByWord(node, word);
    if (!child) break;
    node = child;
    path.push(child.name);
  }
  return node.children ? undefined : path;
}

describe('--help of every command', () => {
  it('names only options that the parser of the command it talks about takes', async () => {
    const wrong: string[] = [];
    for (const path of commandPaths().filter((p) => p.length > 0 && p[0] !== 'help')) {
      // A shell line is checked piece by piece: after a pipe it is another program's (jq -r).
      for (const line of helpText(path).split('\n').flatMap((l) => (l.includes('bifrost-tui ') ? l.split(/\||&&|;/).filter((s) => s.includes('bifrost-tui ')) : [l]))) {
        const ran = commandOnLine(line);
        for (const m of line.matchAll(FLAG)) {
          const flag = m[1]!;
          // "apply --force" or "apply -f DIR" in another command's text is apply's option.
          const before = line.slice(0, m.index).trim().split(/\s+/).pop() ?? '';
          const named = leaves().filter((l) => l[l.length - 1] === before);
          const candidates = ran && m.index! > line.lastIndexOf('bifrost-tui ') ? [ran] : [...under(path), ...named];
          let ok = false;
          for (const c of candidates) if (await accepts(c, flag)) ok = true;
          if (!ok) wrong.push(`${path.join(' ')}: ${flag} in "${line.trim()}"`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('lists every option its parser takes', () => {
    const missing: string[] = [];
    for (const path of commandPaths()) {
      const spec = findCommand(path)!;
      const text = helpText(path);
      for (const [name, o] of Object.entries(allOptions(spec))) {
        if (!o.hidden && !text.includes(optionLabel(name, o))) missing.push(`${path.join(' ') || 'bifrost-tui'}: ${optionLabel(name, o)}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('is what --help, -h and help COMMAND print, on stdout with exit 0', async () => {
    for (const path of commandPaths().filter((p) => p.length > 0)) {
      expect(await run([...path, '--help'])).toEqual({ code: 0, stdout: helpText(path), stderr: '' });
      expect((await run(['help', ...path])).stdout).toBe(helpText(path));
    }
  });

  it('lists exit codes from src/state/exit-codes.ts; a group lists those of all its commands (providers: 8 too)', () => {
    const providers = helpText(['providers']);
    for (const code of EXIT_CODES) expect(providers).toContain(`\n  ${code}  ${EXIT_MEANINGS[code].slice(0, 30)}`);
    expect(exitCodes(findCommand(['providers'])!).map((e) => e.code)).toEqual([...EXIT_CODES]);
    expect(helpText(['providers', 'apply'])).toContain('\n  8  apply -f DIR: some providers were written, some failed\n');
    for (const path of leaves()) {
      const codes = exitCodes(findCommand(path)!).map((e) => e.code);
      expect(codes, path.join(' ')).toContain(EXIT.ok);
      expect(codes, path.join(' ')).toContain(EXIT.usage);
    }
  });
});
