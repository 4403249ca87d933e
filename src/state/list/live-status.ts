/**
 * Live status on the list: what a background refresh changed, and how long
 * to wait before the next one. Pure, so the quiet-when-nothing-changed rule
 * is decided here, not in the timer code.
 */
import type { ProviderSummary } from '../../api/provider-summary.js';

/** The default refresh interval of the list, in seconds. */
export const DEFAULT_REFRESH_SECONDS = 10;
/** Longest wait between attempts while the gateway keeps failing. */
export const MAX_BACKOFF_SECONDS = 300;
/** A request shorter than this never shows the activity mark, so a quick refresh writes nothing. */
export const ACTIVITY_DELAY_MS = 1000;

/** Names whose status (badge or note) differs between two answers; new and vanished names count too. */
export function statusChanges(before: readonly ProviderSummary[], after: readonly ProviderSummary[]): Set<string> {
  const key = (p: ProviderSummary | undefined): string => (p ? `${p.providerStatus ?? ''}\u0000${p.status ?? ''}` : '');
  const old = new Map(before.map((p) => [p.name, p]));
  const changed = new Set<string>();
  for (const p of after) if (key(old.get(p.name)) !== key(p)) changed.add(p.name);
  return changed;
}

/**
 * The same list as far as the list shows it: the same providers in the same order, each with the same
 * summary fields. A change the list does not show (a timeout, a header) redraws nothing; opening the
 * provider reads it whole. Compared field by field, without building a text of the whole list.
 */
export function sameAnswer(a: readonly ProviderSummary[], b: readonly ProviderSummary[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameSummary(a[i]!, b[i]!)) return false;
  return true;
}

/** Summaries are flat: the same values in every field either has. */
function sameSummary(a: ProviderSummary, b: ProviderSummary): boolean {
  for (const key in a) if (a[key as keyof ProviderSummary] !== b[key as keyof ProviderSummary]) return false;
  for (const key in b) if (a[key as keyof ProviderSummary] !== b[key as keyof ProviderSummary]) return false;
  return true;
}

/** Seconds until the next attempt: the interval, doubled per consecutive failure, capped. */
export function nextRefreshSeconds(intervalSeconds: number, failures: number): number {
  if (failures <= 0) return intervalSeconds;
  return Math.min(Math.max(intervalSeconds, MAX_BACKOFF_SECONDS), intervalSeconds * 2 ** Math.min(failures, 16));
}

/** `--refresh` / profile value → seconds (0 = off); undefined when it is not a number of seconds. */
export function parseRefreshSeconds(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d+(\.\d+)?$/.test(t)) return undefined;
  const n = Number(t);
  return n <= 86_400 ? n : undefined;
}
