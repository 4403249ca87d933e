/** Plain-text tables, provider listings and diffs for the `providers` subcommands. Secrets are always masked. */
import type { Provider } from '../api/wire.js';
import { flattenForDisplay } from '../state/flatten.js';
import { formatDiffEntry, type DiffEntry } from '../state/provider/diff.js';
import { maskDeep } from '../state/provider/other-fields.js';
import { printable } from '../state/printable.js';
import { providerKind, providerKindData } from '../state/provider/provider-catalog.js';

/** Columns padded to the widest cell, two spaces apart; the last column is not padded. */
export function formatTable(headers: readonly string[], cells: readonly (readonly string[])[]): string {
  const rows = cells.map((r) => r.map(printable));
  const widths = headers.map((h, i) => rows.reduce((w, r) => Math.max(w, (r[i] ?? '').length), h.length));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return `${[line(headers), ...rows.map(line)].join('\n')}\n`;
}

/** One line of text; cut to `max` with `…` only when `max` is given (text for a terminal, never for a pipe). */
function oneLine(text: string, max?: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return max !== undefined && one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** One provider as a list row / JSON summary: data, not display text. */
export interface ProviderSummary {
  name: string;
  kind: 'built-in' | 'custom';
  /** A custom provider's base type, else null. */
  base_provider_type: string | null;
  provider_status: string | null;
  status: string | null;
  description: string | null;
  base_url: string | null;
  concurrency: number | null;
  buffer_size: number | null;
}

export function summarize(p: Provider): ProviderSummary {
  const c = p.concurrency_and_buffer_size;
  return {
    name: p.name,
    ...providerKindData(p),
    provider_status: p.provider_status ?? null,
    status: p.status || null,
    description: p.description || null,
    base_url: p.network_config?.base_url || null,
    concurrency: c?.concurrency ?? null,
    buffer_size: c?.buffer_size ?? null,
  };
}

/** The `providers list` table; `cut`: stdout is a terminal, so a long note is cut to fit. */
export function formatProviderTable(providers: readonly Provider[], cut = false): string {
  const rows = providers.map((p) => {
    const s = summarize(p);
    const note = s.status ? oneLine(s.description ? `${s.status}: ${s.description}` : s.status, cut ? 60 : undefined) : '';
    const conc = s.concurrency !== null ? `${s.concurrency}/${s.buffer_size ?? '?'}` : '';
    return [s.name, providerKind(p), s.provider_status ?? 'unknown', s.base_url ?? 'default', conc, note];
  });
  return formatTable(['NAME', 'KIND', 'STATUS', 'BASE URL', 'CONC/BUF', 'NOTE'], rows);
}

/** Arrays are shown whole by the flattener: mask secret-named keys inside them first. */
function maskArrays(value: unknown, path: string[] = []): unknown {
  if (Array.isArray(value)) return maskDeep(path, value);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskArrays(v, [...path, k])]));
  }
  return value;
}

/** `providers get` text: a header, then one `path: value` line per leaf, secrets masked; `cut`: as formatProviderTable. */
export function formatProviderText(p: Provider, cut = false): string {
  const head = [`${p.name}  ${providerKind(p)}, ${p.provider_status ?? 'status unknown'}`];
  if (p.status) head.push(`note: ${p.status}${p.description ? `: ${oneLine(p.description, cut ? 200 : undefined)}` : ''}`);
  const rest = { ...p } as Record<string, unknown>;
  for (const k of ['name', 'provider_status', 'status', 'description']) delete rest[k];
  const lines = flattenForDisplay(maskArrays(rest)).map((l) => `  ${l.path}: ${l.text}`);
  return `${[...head, ...lines].join('\n')}\n`;
}

/** A document (an export) as `path: value` lines, secrets masked: `export -o table`. */
export function formatDocumentText(doc: Record<string, unknown>): string {
  return flattenForDisplay(maskArrays(doc)).map((l) => `${l.path}: ${l.text}\n`).join('');
}

/** Diff lines (`~ path: before → after`), secrets masked. */
export function formatDiff(entries: readonly DiffEntry[]): string {
  return entries.map((e) => `  ${formatDiffEntry(e)}\n`).join('');
}

/** Diff entries for JSON output, values masked. */
export function diffJson(entries: readonly DiffEntry[]): unknown[] {
  return entries.map((e) => ({
    path: e.path,
    kind: e.kind,
    ...(e.before !== undefined ? { before: maskDeep(e.segments, e.before) } : {}),
    ...(e.after !== undefined ? { after: maskDeep(e.segments, e.after) } : {}),
  }));
}

/** A PUT body for display (dry run), secrets masked at any depth. */
export function maskedBody(body: Record<string, unknown>): unknown {
  return maskDeep([], body);
}

/** "1 change" / "3 changes". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
