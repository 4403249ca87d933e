/** The measurements of the bench, each against programs in a pseudo-terminal. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { procStatusKb, sleep, startPty } from './pty.mjs';

export const COLS = 100;
export const ROWS = 30;
/** Spaced beyond Ink's 33 ms frame throttle so each key gets the leading-edge render, not a coalesced one. */
const KEY_GAP_MS = 70;

/** A private config/state dir so the bench never reads or writes the user's profiles. */
export function isolatedEnv() {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-home-'));
  return { XDG_CONFIG_HOME: path.join(dir, 'config'), XDG_STATE_HOME: path.join(dir, 'state'), HOME: dir };
}

/** ms from spawn to the first output containing `needle`; quits with `quit`. */
export async function timeToText(argv, needle, env, quit = 'q') {
  const pty = startPty(argv, { cols: COLS, rows: ROWS, env });
  const at = await pty.waitFor(needle);
  await pty.close(quit);
  return at - pty.t0;
}

/** Sorted provider names as the list shows them. */
export async function providerNames(url) {
  const res = await fetch(`${url}/api/providers`);
  const body = await res.json();
  return body.providers.map((p) => p.name);
}

/**
 * Starts the CLI against `url`, then moves the cursor `rounds` times down
 * `span` rows and back up, one key at a time. Per key: ms from the write to
 * the chunk that holds the newly focused row, and the bytes written for it.
 */
export async function cursorRun(cli, url, names, env, { span = 30, rounds = 2, extraEnv = {} } = {}) {
  const pty = startPty([process.execPath, cli, '--url', url], { cols: COLS, rows: ROWS, env: { ...env, ...extraEnv } });
  await pty.waitFor(' configured');
  await sleep(300);
  const latencies = [];
  const bytes = [];
  let cursor = 0;
  const steps = Math.min(span, names.length - 1);
  for (let r = 0; r < rounds; r++) {
    for (const [key, delta] of [['j', 1], ['k', -1]]) {
      for (let i = 0; i < steps; i++) {
        cursor += delta;
        const from = pty.chunkCount;
        const before = pty.bytes;
        const sent = performance.now();
        pty.write(key);
        const at = await pty.waitFor(`› ${names[cursor]}`, from);
        latencies.push(at - sent);
        await sleep(KEY_GAP_MS);
        bytes.push(pty.bytes - before);
      }
    }
  }
  const pid = pty.childPid();
  const hwmKb = pid ? procStatusKb(pid, 'VmHWM') : undefined;
  await pty.close();
  return { latencies, bytes, hwmKb };
}

/** Requests the CLI sends per action, seen through a counting proxy. */
export async function requestsPerAction(cli, proxy, names, env) {
  const pty = startPty([process.execPath, cli, '--url', proxy.url], { cols: COLS, rows: ROWS, env });
  const counts = {};
  const take = (label, since) => {
    counts[label] = proxy.log.slice(since);
  };
  let mark = proxy.log.length;
  await pty.waitFor(' configured');
  await sleep(500);
  take('start/list', mark);
  mark = proxy.log.length;
  let from = pty.chunkCount;
  pty.write('\r');
  await pty.waitFor('Request timeout', from);
  await sleep(500);
  take('open', mark);
  mark = proxy.log.length;
  from = pty.chunkCount;
  pty.write('\x1b');
  await pty.waitFor(`› ${names[0]}`, from);
  await sleep(500);
  take('back to list', mark);
  // Save: open the first provider, set Max retries, Ctrl+S, confirm the diff.
  from = pty.chunkCount;
  pty.write('\r');
  await pty.waitFor('Max retries', from);
  await sleep(300);
  from = pty.chunkCount;
  pty.write('jjjj');
  await pty.waitFor('› ', from);
  await sleep(200);
  pty.write('\r');
  await sleep(150);
  pty.write('\x15');
  pty.write('4');
  await sleep(100);
  pty.write('\r');
  await sleep(200);
  mark = proxy.log.length;
  from = pty.chunkCount;
  pty.write('\x13');
  await pty.waitFor(' → ', from);
  await sleep(300);
  pty.write('y');
  await pty.waitFor('status ', pty.chunkCount);
  await sleep(800);
  take('save', mark);
  await pty.close('\x03');
  pty.write('d');
  return counts;
}

/** Requests per keys action: open a provider's keys (`y`), then rotate its first key through the review. */
export async function keysRequestsPerAction(cli, proxy, names, env) {
  const pty = startPty([process.execPath, cli, '--url', proxy.url], { cols: COLS, rows: ROWS, env });
  const counts = {};
  await pty.waitFor(' configured');
  await sleep(800);
  let mark = proxy.log.length;
  let from = pty.chunkCount;
  pty.write('y');
  await pty.waitFor(`${names[0]} › keys`, from);
  await pty.waitFor('stored ····', from);
  await sleep(500);
  counts['open keys'] = proxy.log.slice(mark);
  from = pty.chunkCount;
  pty.write('R');
  await pty.waitFor('New value', from);
  pty.write('sk-bench-rotated-0123456789');
  await sleep(100);
  from = pty.chunkCount;
  pty.write('\r');
  await pty.waitFor('Rotate the value', from);
  await sleep(200);
  mark = proxy.log.length;
  from = pty.chunkCount;
  pty.write('y');
  await pty.waitFor('saved', from);
  await sleep(800);
  counts['rotate key'] = proxy.log.slice(mark);
  await pty.close('\x03');
  return counts;
}

/** Cursor moves in the form: ms from key to the chunk with the newly focused row, and bytes per move. */
export async function formCursorRun(cli, url, env, { moves = 40, extraEnv = {} } = {}) {
  const pty = startPty([process.execPath, cli, '--url', url], { cols: COLS, rows: ROWS, env: { ...env, ...extraEnv } });
  await pty.waitFor(' configured');
  await sleep(200);
  pty.write('\r');
  await pty.waitFor('Request timeout');
  await sleep(300);
  const latencies = [];
  const bytes = [];
  for (let i = 0; i < moves; i++) {
    const key = Math.floor(i / 8) % 2 === 0 ? 'j' : 'k';
    const from = pty.chunkCount;
    const before = pty.bytes;
    const sent = performance.now();
    pty.write(key);
    const at = await pty.waitFor('› ', from);
    latencies.push(at - sent);
    await sleep(KEY_GAP_MS);
    bytes.push(pty.bytes - before);
  }
  pty.write('\x1b');
  await sleep(200);
  await pty.close('q');
  return { latencies, bytes };
}

/**
 * Bytes written to the terminal while the list sits idle for `seconds` with the background refresh on
 * (default interval), against a gateway whose answer does not change; and the list requests sent meanwhile.
 */
export async function idleRun(cli, proxy, env, seconds) {
  const pty = startPty([process.execPath, cli, '--url', proxy.url], { cols: COLS, rows: ROWS, env });
  await pty.waitFor(' configured');
  await sleep(1000);
  const bytes = pty.bytes;
  const gets = proxy.log.length;
  await sleep(seconds * 1000);
  const result = { bytes: pty.bytes - bytes, gets: proxy.log.slice(gets).filter((l) => l === 'GET /api/providers').length };
  await pty.close();
  return result;
}
