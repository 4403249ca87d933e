/**
 * The provider list's order and filter (pure). A sort is a column and a
 * direction, cycled by a key (k9s-style); the filter matches a row's name,
 * base type, status or note. Sorting happens when the data or the sort
 * changes, never on a filter keystroke (the filter keeps the sorted order);
 * a filter keystroke costs one `includes` per provider.
 */
import type { ProviderSummary } from '../../api/provider-summary.js';
import { kindText } from '../provider/provider-catalog.js';
import { baseUrlText } from './badges.js';

/** The columns the list sorts by, in the order the sort key cycles through them. */
export const SORT_COLUMNS = ['name', 'kind', 'status', 'conc', 'url'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

export interface ListSort {
  column: SortColumn;
  descending: boolean;
}

/** The gateway lists providers by name, ascending: the order the list opens in. */
export const NAME_ORDER: ListSort = { column: 'name', descending: false };

/** The next column, ascending; after the last, by name again. */
export function nextSortColumn(sort: ListSort): ListSort {
  const at = SORT_COLUMNS.indexOf(sort.column);
  return { column: SORT_COLUMNS[(at + 1) % SORT_COLUMNS.length]!, descending: false };
}

/** The same column, the other way round. */
export function reverseSort(sort: ListSort): ListSort {
  return { ...sort, descending: !sort.descending };
}

/** How the header names a sort: the column's title with ↑ (ascending) or ↓. */
export function sortMark(sort: ListSort): '↑' | '↓' {
  return sort.descending ? '↓' : '↑';
}

/** The status word a row is filtered and sorted by (what its badge says). */
export function statusWord(p: ProviderSummary | undefined): string {
  if (!p) return 'not set up';
  return p.providerStatus || 'unknown';
}

/** Ascending status order: trouble first (error, then any other status), then unknown, then active. */
function statusRank(p: ProviderSummary): number {
  switch (p.providerStatus) {
    case 'error': return 0;
    case 'active': return 3;
    case undefined: case '': return 2;
    default: return 1;
  }
}

type SortKey = string | number;

function sortKey(p: ProviderSummary, column: SortColumn): SortKey {
  switch (column) {
    case 'name': return p.name;
    case 'kind': return kindText(p.name, p.custom, p.baseType);
    case 'status': return statusRank(p);
    case 'conc': return p.concurrency ?? -1;
    case 'url': return baseUrlText(p);
  }
}

const compare = (a: SortKey, b: SortKey): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The providers in `sort` order (a new array; the input is kept). Ties go by name, ascending, so
 * an order is the same on every load. Each key is computed once per provider, not per comparison.
 */
export function sortProviders(providers: readonly ProviderSummary[], sort: ListSort): ProviderSummary[] {
  const sign = sort.descending ? -1 : 1;
  const keyed = providers.map((p) => ({ p, key: sortKey(p, sort.column) }));
  keyed.sort((a, b) => sign * compare(a.key, b.key) || compare(a.p.name, b.p.name));
  return keyed.map((k) => k.p);
}

/** The filter as matched: trimmed, lower case ('' matches everything). */
export function filterNeedle(filter: string): string {
  return filter.trim().toLowerCase();
}

// What a provider is matched on, lower-cased once per provider object (a new load brings new objects).
const haystacks = new WeakMap<ProviderSummary, string>();

/** Name, base type, status word and note, joined by a character no filter holds. */
function haystackOf(p: ProviderSummary): string {
  let text = haystacks.get(p);
  if (text === undefined) {
    text = [p.name, p.baseType ?? '', statusWord(p), p.status ?? ''].join('\0').toLowerCase();
    haystacks.set(p, text);
  }
  return text;
}

/** Does a row match the filter (`needle` from filterNeedle)? A built-in not set up matches on its name and "not set up". */
export function rowMatches(needle: string, name: string, p?: ProviderSummary): boolean {
  if (!needle) return true;
  if (p) return haystackOf(p).includes(needle);
  return name.toLowerCase().includes(needle) || statusWord(undefined).includes(needle);
}
