/**
 * Live status on the list: what a background refresh changed, and how long
 * to wait before the next one. Pure, so the quiet-when-nothing-changed rule
 * is decided here, not in the timer code.
 */
import type { Provider } from '../../api/wire.js';

/** The default refresh interval of the list, in seconds. */
export const DEFAULT_REFRESH_SECONDS = 10;
/** Longest wait between attempts while the gateway keeps failing. */
export const MAX_BACKOFF_SECONDS = 300;
/** A request shorter than this never shows the activity mark, so a quick refresh writes nothing. */
export const ACTIVITY_DELAY_MS = 1000;

/** Names whose status (badge or note) differs between two answers; new and vanished names count too. */
export function statusChanges(before: readonly Provider[], after: readonly Provider[]): Set<string> {
  const key = (p: Provider | undefined): string => (p ? `${p.provider_status ?? ''}\u0000${p.status ?? ''}` : '');
  const old = new Map(before.map((p) => [p.name, p]));
  const changed = new Set<string>();
  for (const p of after) if (key(old.get(p.name)) !== key(p)) changed.add(p.name);
  return changed;
}

/** Same answer, field for field (key order included: the gateway sends a stable order). */
export function sameAnswer(a: readonly Provider[], b: readonly Provider[]): boolean {
  return a.length === b.length && JSON.stringify(a) === JSON.stringify(b);
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
