/**
 * Runs a command on this terminal (stdin, stdout) with its stderr captured, and
 * writes how it ended to a JSON file. It outlives a terminal hangup (it ignores
 * SIGHUP; the command does not), so a test can see what the command did when
 * the terminal went away: usage `node exit-recorder.mjs OUT.json CMD ARGS...`.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const [out, cmd, ...args] = process.argv.slice(2);
process.on('SIGHUP', () => undefined);
const r = spawnSync(cmd, args, { stdio: ['inherit', 'inherit', 'pipe'] });
writeFileSync(out, JSON.stringify({ status: r.status, signal: r.signal, stderr: String(r.stderr ?? '') }));
