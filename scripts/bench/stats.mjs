/** Small statistics and the one-line figure format of the bench. */

export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i];
}

export const median = (values) => percentile(values, 50);

export const ms = (v) => `${v.toFixed(1)} ms`;

export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

/**
 * One figure: `name: value  (target …: holds|MISSED)`. `holds` undefined
 * means "no target, for information".
 */
export function figure(name, value, target, holds) {
  const verdict = target === undefined ? '' : `  (target ${target}: ${holds ? 'holds' : 'MISSED'})`;
  console.log(`${name}: ${value}${verdict}`);
}
