/**
 * The provider list screen's state: data, load phase, cursor, filter and the
 * visible window. Pure; rows are derived only when data or filter change, so
 * a cursor move costs the same with 10 or 10,000 providers.
 */
import type { ProviderSummary } from '../../api/provider-summary.js';
import { getOwn, setOwn } from '../../api/json-limits.js';
import { moveTarget, settleWindow, type CursorMove } from '../cursor-window.js';
import { unconfiguredBuiltins } from '../provider/provider-catalog.js';
import { sameAnswer, statusChanges } from './live-status.js';

/** One line of the list: a configured provider, or a built-in the gateway does not have yet. */
export interface ListRow {
  name: string;
  provider?: ProviderSummary;
}

/** Why the last load failed, reduced to what the screen needs. */
export interface LoadError {
  message: string;
  kind: 'auth' | 'network' | 'gateway';
  status?: number;
}

export interface ListState {
  phase: 'loading' | 'ready' | 'error';
  /** One summary per configured provider: what the list shows, nothing more (see api/provider-summary). */
  providers: ProviderSummary[];
  /** Rows after filter and the unconfigured toggle. */
  rows: ListRow[];
  error?: LoadError;
  /** When the last successful load finished (ms since epoch). */
  loadedAt?: number;
  /** A reload is in flight while data is shown. */
  refreshing: boolean;
  /** Names whose status changed in the last refresh: marked until the next one. */
  changed: ReadonlySet<string>;
  /** A background refresh has been out for a while (the header shows a mark). */
  activity: boolean;
  /** The last background refresh failed; the next try is in `retryInSeconds`. */
  refreshProblem?: { message: string; retryInSeconds: number };
  cursor: number;
  scrollTop: number;
  viewportHeight: number;
  filter: string;
  filterEditing: boolean;
  showUnconfigured: boolean;
  /** Keys per provider from `GET /api/keys` (or counted one provider at a time when that is refused). */
  keyCounts?: Readonly<Record<string, number>>;
  /** `GET /api/keys` was refused or is missing: counts are fetched lazily per focused provider. */
  keyCountsLazy?: boolean;
  /** Successful loads so far: a list load is named by its number, not its time (two loads can share a clock reading). */
  loads: number;
  /** The load the counts belong to (one GET /api/keys per list load). */
  keyCountsAt?: number;
}

/** A list load has no key counts yet: time for its one `GET /api/keys`. */
export function keyCountsDue(state: ListState): boolean {
  return state.phase === 'ready' && state.loads > 0 && state.keyCountsAt !== state.loads;
}

export type ListAction =
  | { type: 'load-started' }
  | { type: 'load-succeeded'; providers: ProviderSummary[]; at: number }
  | { type: 'load-failed'; error: LoadError }
  | { type: 'refresh-activity' }
  | { type: 'refresh-succeeded'; providers: ProviderSummary[]; at: number }
  | { type: 'refresh-failed'; message: string; retryInSeconds: number }
  | CursorMove
  | { type: 'viewport'; height: number }
  | { type: 'filter-start' }
  | { type: 'filter-change'; text: string }
  | { type: 'filter-accept' }
  | { type: 'filter-clear' }
  | { type: 'toggle-unconfigured' }
  | { type: 'select'; name: string }
  | { type: 'key-counts'; counts: Record<string, number>; lazy?: boolean; at?: number };

export function initialListState(viewportHeight = 10): ListState {
  return {
    phase: 'loading',
    providers: [],
    rows: [],
    loads: 0,
    refreshing: false,
    changed: new Set(),
    activity: false,
    cursor: 0,
    scrollTop: 0,
    viewportHeight: Math.max(1, viewportHeight),
    filter: '',
    filterEditing: false,
    showUnconfigured: false,
  };
}

/** The first state; already loaded when the providers are known (fetched before the UI started). */
export function startingListState(providers: ProviderSummary[] | undefined, at: number): ListState {
  const state = initialListState();
  return providers ? listReducer(state, { type: 'load-succeeded', providers, at }) : state;
}

/** Rows for the given data and filter: configured providers, then (optionally) unconfigured built-ins. */
export function deriveRows(providers: readonly ProviderSummary[], filter: string, showUnconfigured: boolean): ListRow[] {
  const needle = filter.trim().toLowerCase();
  const match = (name: string, p?: ProviderSummary): boolean => {
    if (!needle) return true;
    if (name.toLowerCase().includes(needle)) return true;
    const base = p?.baseType;
    return base !== undefined && base.toLowerCase().includes(needle);
  };
  const rows: ListRow[] = [];
  for (const p of providers) if (match(p.name, p)) rows.push({ name: p.name, provider: p });
  if (showUnconfigured) for (const name of unconfiguredBuiltins(providers)) if (match(name)) rows.push({ name });
  return rows;
}

/** Keeps the cursor inside the rows and the window around the cursor. */
function settle(state: ListState, cursor: number): ListState {
  return settleWindow(state, cursor, state.rows.length, state.viewportHeight);
}

/** Re-derives rows and keeps the cursor on the same name when it is still there. */
function rederive(state: ListState, patch: Partial<ListState>): ListState {
  const next = { ...state, ...patch };
  const focused = state.rows[state.cursor]?.name;
  next.rows = deriveRows(next.providers, next.filter, next.showUnconfigured);
  const idx = focused === undefined ? -1 : next.rows.findIndex((r) => r.name === focused);
  return settle({ ...next, cursor: -1 }, idx >= 0 ? idx : Math.min(state.cursor, next.rows.length - 1));
}

export function listReducer(state: ListState, action: ListAction): ListState {
  switch (action.type) {
    case 'load-started':
      return state.phase === 'ready' ? { ...state, refreshing: true } : { ...state, phase: 'loading', error: undefined };
    case 'load-succeeded':
      return rederive(state, {
        phase: 'ready', providers: action.providers, loadedAt: action.at, loads: state.loads + 1, refreshing: false, error: undefined, refreshProblem: undefined, activity: false,
        changed: state.loadedAt === undefined ? new Set() : statusChanges(state.providers, action.providers),
      });
    case 'refresh-activity':
      return state.activity ? state : { ...state, activity: true };
    case 'refresh-succeeded': {
      // The same answer costs nothing: the very same state, so nothing renders (the age is kept by the caller).
      const quiet = !state.activity && !state.refreshProblem && state.changed.size === 0;
      if (sameAnswer(state.providers, action.providers)) {
        return quiet ? state : { ...state, loadedAt: action.at, loads: state.loads + 1, activity: false, refreshProblem: undefined, changed: new Set() };
      }
      const changed = statusChanges(state.providers, action.providers);
      return rederive(state, { providers: action.providers, loadedAt: action.at, loads: state.loads + 1, activity: false, refreshProblem: undefined, changed });
    }
    case 'refresh-failed':
      return { ...state, activity: false, refreshProblem: { message: action.message, retryInSeconds: action.retryInSeconds } };
    case 'load-failed':
      // Keep the last good data on screen; the error shows beside it.
      return { ...state, phase: state.loadedAt === undefined ? 'error' : 'ready', refreshing: false, activity: false, error: action.error };
    case 'move':
    case 'page':
    case 'first':
    case 'last':
      return settle(state, moveTarget(state.cursor, action, state.rows.length, state.viewportHeight));
    case 'viewport': {
      const height = Math.max(1, action.height);
      if (height === state.viewportHeight) return state;
      return settle({ ...state, viewportHeight: height, scrollTop: Math.max(0, state.scrollTop) }, state.cursor);
    }
    case 'filter-start':
      return { ...state, filterEditing: true };
    case 'filter-change':
      return rederive(state, { filter: action.text });
    case 'filter-accept':
      return { ...state, filterEditing: false };
    case 'filter-clear':
      return rederive(state, { filter: '', filterEditing: false });
    case 'toggle-unconfigured':
      return rederive(state, { showUnconfigured: !state.showUnconfigured });
    case 'select': {
      const idx = state.rows.findIndex((r) => r.name === action.name);
      return idx < 0 ? state : settle(state, idx);
    }
    case 'key-counts':
      return { ...state, keyCounts: { ...(action.lazy ? state.keyCounts : {}), ...action.counts }, keyCountsLazy: action.lazy ?? false, keyCountsAt: action.at ?? state.keyCountsAt };
  }
}

/** Keys per provider from the items of `GET /api/keys`, grouped by `provider`. */
export function countKeysByProvider(items: readonly { provider?: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const it of items) if (it.provider) setOwn(out, it.provider, ((getOwn(out, it.provider) as number | undefined) ?? 0) + 1);
  return out;
}

/** The rows currently inside the window. */
export function windowRows(state: ListState): ListRow[] {
  return state.rows.slice(state.scrollTop, state.scrollTop + state.viewportHeight);
}

/** The focused row, if any. */
export function focusedRow(state: ListState): ListRow | undefined {
  return state.rows[state.cursor];
}
