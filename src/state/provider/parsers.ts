/** Text ↔ value converters used by the field descriptors. */
import { setOwn } from '../../api/json-limits.js';
import type { ParseResult } from './types.js';

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Number text → number. Accepts `_`/`,` digit grouping; `''` or `default` → 0
 * when `zeroMeansDefault`. With `durations`, Go-style `500ms`, `1.5s`, `1m30s`
 * are read as milliseconds (the gateway also accepts such strings on input).
 * Sign, integer and range rules are checked in validate.ts.
 */
export function parseNumber(text: string, opts: { zeroMeansDefault?: boolean; durations?: boolean } = {}): ParseResult {
  const t = text.trim().toLowerCase();
  if (t === '' || t === 'default') {
    return opts.zeroMeansDefault ? { value: 0 } : { error: 'a number is required' };
  }
  // JSON has no Infinity: a number past ~1.8e308 would be sent as null.
  const tooLarge = { error: `"${text.trim().slice(0, 40)}" is too large a number` };
  if (opts.durations) {
    const ms = parseDurationMs(t);
    if (ms !== undefined) return Number.isFinite(ms) ? { value: ms } : tooLarge;
  }
  const cleaned = t.replace(/[_,](?=\d{3}(\D|$))/g, '');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(cleaned)) {
    return { error: `"${text.trim()}" is not a number${opts.durations ? ' (ms, or e.g. 500ms, 2s)' : ''}` };
  }
  const value = Number(cleaned);
  return Number.isFinite(value) ? { value } : tooLarge;
}

/** Go duration text (`1m30s`, `500ms`) → milliseconds; a bare number is not a duration. */
export function parseDurationMs(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(t)) return undefined;
  let total = 0;
  for (const m of t.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) total += Number(m[1]) * UNIT_MS[m[2]!]!;
  return total;
}

/** A wire number (or duration string) as a number, else undefined. */
export function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return parseDurationMs(v) ?? (v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined);
  return undefined;
}

export function formatNumber(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'number' ? String(v) : String(v);
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', 'on', '1', 'enabled']);
const FALSE_WORDS = new Set(['false', 'no', 'n', 'off', '0', 'disabled', '']);

export function parseToggle(text: string): ParseResult {
  const t = text.trim().toLowerCase();
  if (TRUE_WORDS.has(t)) return { value: true };
  if (FALSE_WORDS.has(t)) return { value: false };
  return { error: `"${text.trim()}" is not on/off (use true/false, yes/no, on/off)` };
}

export function formatToggle(v: unknown): string {
  return v === true ? 'on' : 'off';
}

export function parseEnum(options: readonly string[]): (text: string) => ParseResult {
  return (text) => {
    const t = text.trim().toLowerCase();
    return options.includes(t) ? { value: t } : { error: `must be one of ${options.join(', ')}` };
  };
}

export function parseText(text: string): ParseResult {
  return { value: text.trim() };
}

export function formatText(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v);
}

/**
 * Map text: one `name: value` entry per line (the first `:` splits, so values
 * may hold `:`); blank lines are ignored. With `bool`, values are on/off words.
 */
export function parseMap(text: string, opts: { bool?: boolean } = {}): ParseResult {
  const out: Record<string, unknown> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const at = line.indexOf(':');
    if (at <= 0) return { error: `line ${i + 1}: expected "name: value"` };
    const key = line.slice(0, at).trim();
    const raw = line.slice(at + 1).trim();
    if (key === '') return { error: `line ${i + 1}: the name is empty` };
    if (Object.hasOwn(out, key)) return { error: `line ${i + 1}: "${key}" appears twice` };
    if (opts.bool) {
      const b = parseToggle(raw);
      if ('error' in b || raw === '') return { error: `line ${i + 1}: "${key}" needs true or false` };
      setOwn(out, key, b.value);
    } else setOwn(out, key, raw);
  }
  return { value: out };
}

export function formatMap(v: unknown): string {
  if (v === null || typeof v !== 'object') return '';
  return Object.entries(v as Record<string, unknown>)
    .map(([k, val]) => `${k}: ${typeof val === 'string' ? val : String(val)}`)
    .join('\n');
}

/** Empty map → undefined (absent), so clearing every entry removes the field. */
export function mapToWire(value: unknown): unknown {
  if (value === null || value === undefined || typeof value !== 'object') return undefined;
  return Object.keys(value).length === 0 ? undefined : value;
}
