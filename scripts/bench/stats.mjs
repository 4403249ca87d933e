/** Small statistics, the one-line figure format of the bench, and its verdict. */
import { loadavg } from 'node:os';

export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i];
}

export const median = (values) => percentile(values, 50);

export const ms = (v) => `${v.toFixed(1)} ms`;

export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

/** The 1-minute load average, for the figures measured under it (2 cores: above 2 means queueing). */
export const load = () => loadavg()[0].toFixed(2);

const missed = [];
let held = 0;

/**
 * One figure: `name: value  (target …: holds|MISSED)`. `holds` undefined
 * means "no target, for information". A missed target fails the bench (see `verdict`).
 */
export function figure(name, value, target, holds) {
  const verdict = target === undefined ? '' : `  (target ${target}: ${holds ? 'holds' : 'MISSED'})`;
  if (target !== undefined) {
    if (holds) held += 1;
    else missed.push(name);
  }
  console.log(`${name}: ${value}${verdict}`);
}

/** Prints how many targets held and sets a non-zero exit code when one was missed. */
export function verdict() {
  console.log(`targets: ${held} held, ${missed.length} missed${missed.length ? `: ${missed.join('; ')}` : ''}`);
  if (missed.length) process.exitCode = 1;
}
