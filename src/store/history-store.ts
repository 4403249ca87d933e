/** Backups of providers as they were before a save: one file per entry under `history/<gateway>/<provider>/`. */
import fs from 'node:fs';
import path from 'node:path';
import type { HistoryEntry } from '../state/local-types.js';
import { StoreError, firstLine } from './store-error.js';
import { assertOwnDirs, ensureOwnDir, readJsonFile, removeFile, writeFileAtomicExclusive } from './fs-util.js';
import { encodeName, resolveStateDir } from './state-dir.js';
import type { DirOptions } from './config-dir.js';

/** `20261126T140733123Z`, optionally `-001`... when several entries share a millisecond. */
const ID_RE = /^\d{8}T\d{9}Z(-\d{3})?$/;

/** A history file that could not be read as an entry; left on disk as it is. */
export interface SkippedEntry {
  file: string;
  problem: string;
}

export interface HistoryStore {
  readonly dir: string;
  /** Stores a copy of `object`; the id sorts by time and is unique even within one millisecond. */
  appendHistory(gateway: string, provider: string, object: Record<string, unknown>): HistoryEntry;
  /** Newest first; corrupt entry files are left out (see `scanHistory`). */
  listHistory(gateway: string, provider: string): HistoryEntry[];
  /** Newest first, plus the entry files that could not be read (nothing is deleted). */
  scanHistory(gateway: string, provider: string): { entries: HistoryEntry[]; skipped: SkippedEntry[] };
  getHistory(gateway: string, provider: string, id: string): HistoryEntry | undefined;
  /** Drops an entry taken before a write the gateway then refused (nothing was written). False when there was none. */
  removeHistory(gateway: string, provider: string, id: string): boolean;
}

/** ISO time with `-`, `:` and `.` removed: 2026-11-26T14:07:33.123Z → 20261126T140733123Z. */
export function historyStamp(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}

function isEntry(value: unknown): value is HistoryEntry {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  return typeof e.id === 'string' && typeof e.at === 'string' && typeof e.provider === 'string' &&
    typeof e.object === 'object' && e.object !== null;
}

/** Opens the history store in the XDG state dir (or `dir`/`$BIFROST_TUI_STATE_DIR`). */
export function openHistoryStore(opts: DirOptions & { now?: () => Date } = {}): HistoryStore {
  const dir = resolveStateDir(opts);
  const now = opts.now ?? (() => new Date());
  const providerDir = (gateway: string, provider: string): string =>
    path.join(dir, 'history', encodeName(gateway), encodeName(provider));

  // Every folder on the way is checked: ours, and writable by nobody else (a planted entry is never restored).
  const readEntry = (file: string): HistoryEntry | undefined => {
    assertOwnDirs(dir, path.dirname(file));
    const value = readJsonFile(file);
    if (value === undefined) return undefined;
    if (!isEntry(value)) throw new StoreError(file, 'is not a history entry (needs id, at, provider, object); left unchanged', 'corrupt');
    return value;
  };

  const scan = (gateway: string, provider: string): { entries: HistoryEntry[]; skipped: SkippedEntry[] } => {
    const pdir = providerDir(gateway, provider);
    let names: string[];
    assertOwnDirs(dir, pdir);
    try {
      names = fs.readdirSync(pdir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], skipped: [] };
      throw new StoreError(pdir, `cannot list: ${firstLine(err)}`, 'io', { cause: err });
    }
    // Sort ids, not file names: in "…Z-001.json" vs "…Z.json" the "-" would sort before ".".
    const ids = names
      .filter((n) => n.endsWith('.json') && ID_RE.test(n.slice(0, -5)))
      .map((n) => n.slice(0, -5))
      .sort()
      .reverse();
    const entries: HistoryEntry[] = [];
    const skipped: SkippedEntry[] = [];
    for (const id of ids) {
      const file = path.join(pdir, `${id}.json`);
      try {
        const entry = readEntry(file);
        if (entry) entries.push(entry);
      } catch (err) {
        if (!(err instanceof StoreError)) throw err;
        skipped.push({ file, problem: err.problem });
      }
    }
    return { entries, skipped };
  };

  return {
    dir,
    appendHistory(gateway, provider, object) {
      const pdir = providerDir(gateway, provider);
      ensureOwnDir(dir, pdir);
      const at = now();
      const stamp = historyStamp(at);
      // link(2) refuses to replace, so two writers in the same ms (or two processes) get distinct ids.
      for (let n = 0; n < 1000; n++) {
        const id = n === 0 ? stamp : `${stamp}-${String(n).padStart(3, '0')}`;
        const entry: HistoryEntry = { id, at: at.toISOString(), provider, object: structuredClone(object) };
        if (writeFileAtomicExclusive(path.join(pdir, `${id}.json`), JSON.stringify(entry))) return entry;
      }
      throw new StoreError(pdir, 'more than 1000 history entries in one millisecond', 'io');
    },
    listHistory(gateway, provider) {
      return scan(gateway, provider).entries;
    },
    scanHistory: scan,
    getHistory(gateway, provider, id) {
      if (!ID_RE.test(id)) return undefined;
      return readEntry(path.join(providerDir(gateway, provider), `${id}.json`));
    },
    removeHistory(gateway, provider, id) {
      if (!ID_RE.test(id)) return false;
      return removeFile(path.join(providerDir(gateway, provider), `${id}.json`));
    },
  };
}
