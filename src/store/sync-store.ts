/**
 * What each provider looked like on a gateway when a directory was last
 * exported from or applied to it (`sync/<gateway>/<dir hash>.json`, 0600).
 * `providers apply -f DIR` compares the gateway with it to find drift: a
 * change made on this gateway since, which applying DIR would overwrite.
 * The snapshots are normalized provider bodies as the gateway showed them
 * (secrets redacted by the gateway), never the directory's files.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setOwn } from '../api/json-limits.js';
import type { DirOptions } from './config-dir.js';
import { assertOwnDirs, ensureOwnDir, readJsonFile, writeFileAtomic } from './fs-util.js';
import { encodeName, resolveStateDir } from './state-dir.js';
import { StoreError } from './store-error.js';

/** Provider name → its normalized body at the last export/apply. */
export type SyncSnapshots = Record<string, Record<string, unknown>>;

export interface SyncStore {
  read(gateway: string, dir: string): SyncSnapshots;
  /** Sets (or, with `undefined`, forgets) providers' snapshots; others are kept. */
  update(gateway: string, dir: string, changes: Record<string, Record<string, unknown> | undefined>): void;
}

/** The directory's real path (so `./cfg` and `/abs/cfg` are one record). */
function dirKey(dir: string): string {
  let real = path.resolve(dir);
  try {
    real = fs.realpathSync(dir);
  } catch {
    // not created yet: the resolved path
  }
  return createHash('sha256').update(real).digest('hex').slice(0, 24);
}

export function openSyncStore(opts: DirOptions = {}): SyncStore {
  const stateDir = resolveStateDir(opts);
  const root = path.join(stateDir, 'sync');
  const fileOf = (gateway: string, dir: string): string => path.join(root, encodeName(gateway), `${dirKey(dir)}.json`);
  const read = (gateway: string, dir: string): SyncSnapshots => {
    const file = fileOf(gateway, dir);
    assertOwnDirs(stateDir, path.dirname(file));
    const value = readJsonFile(file);
    if (value === undefined) return {};
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new StoreError(file, 'is not a sync record (expected an object of providers); left unchanged', 'corrupt');
    }
    return value as SyncSnapshots;
  };
  return {
    read,
    update(gateway, dir, changes) {
      const next = read(gateway, dir);
      for (const [name, snap] of Object.entries(changes)) {
        if (snap === undefined) {
          if (Object.hasOwn(next, name)) delete next[name];
        } else setOwn(next, name, snap);
      }
      const file = fileOf(gateway, dir);
      ensureOwnDir(stateDir, path.dirname(file));
      writeFileAtomic(file, `${JSON.stringify(next)}\n`);
    },
  };
}
