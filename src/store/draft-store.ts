/** Unsaved form edits on disk, one file per gateway and provider, written synchronously on every committed edit. */
import fs from 'node:fs';
import path from 'node:path';
import type { Draft } from '../state/local-types.js';
import { withoutTypedSecrets } from '../state/form-screen/draft-secrets.js';
import { StoreError, firstLine } from './store-error.js';
import { ensurePrivateDir, readJsonFile, writeFileAtomic } from './fs-util.js';
import { encodeName, resolveStateDir } from './state-dir.js';
import type { DirOptions } from './config-dir.js';

export interface DraftStore {
  /** The state directory (drafts are under `drafts/<gateway>/<provider>.json`). */
  readonly dir: string;
  /** Where the draft of this provider lives (it may not exist). */
  draftPath(gateway: string, provider: string): string;
  /** Atomic, synchronous, mode 0600: survives a crash right after it returns. Typed secrets are left out (the draft notes them). */
  saveDraft(gateway: string, provider: string, draft: Draft): void;
  /** undefined when there is none; StoreError (file left alone) when it is unreadable. */
  loadDraft(gateway: string, provider: string): Draft | undefined;
  /** Returns false when there was none. */
  clearDraft(gateway: string, provider: string): boolean;
}

function isDraft(value: unknown): value is Draft {
  if (typeof value !== 'object' || value === null) return false;
  const d = value as Record<string, unknown>;
  return (
    typeof d.original === 'object' && d.original !== null && !Array.isArray(d.original) &&
    Array.isArray(d.edits) && d.edits.every((e) => typeof e === 'object' && e !== null && Array.isArray((e as { path?: unknown }).path)) &&
    typeof d.savedAt === 'string'
  );
}

/** Opens the draft store in the XDG state dir (or `dir`/`$BIFROST_TUI_STATE_DIR`). Creates nothing until a save. */
export function openDraftStore(opts: DirOptions = {}): DraftStore {
  const dir = resolveStateDir(opts);
  // Creating directories costs a syscall per level; do it once per gateway.
  const made = new Set<string>();
  const gatewayDir = (gateway: string): string => path.join(dir, 'drafts', encodeName(gateway));
  const draftPath = (gateway: string, provider: string): string => path.join(gatewayDir(gateway), `${encodeName(provider)}.json`);

  return {
    dir,
    draftPath,
    saveDraft(gateway, provider, draft) {
      const gdir = gatewayDir(gateway);
      if (!made.has(gdir)) {
        ensurePrivateDir(gdir);
        made.add(gdir);
      }
      const file = draftPath(gateway, provider);
      const text = JSON.stringify(withoutTypedSecrets(draft));
      try {
        writeFileAtomic(file, text);
      } catch (err) {
        // The folder may have been removed behind our back: retry once after recreating it.
        if (!fs.existsSync(gdir)) {
          ensurePrivateDir(gdir);
          writeFileAtomic(file, text);
        } else throw err;
      }
    },
    loadDraft(gateway, provider) {
      const file = draftPath(gateway, provider);
      const value = readJsonFile(file);
      if (value === undefined) return undefined;
      if (!isDraft(value)) {
        throw new StoreError(file, 'is not a draft (needs original, edits, savedAt); left unchanged', 'corrupt');
      }
      return value;
    },
    clearDraft(gateway, provider) {
      const file = draftPath(gateway, provider);
      try {
        fs.unlinkSync(file);
        return true;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw new StoreError(file, `cannot remove: ${firstLine(err)}`, 'io', { cause: err });
      }
    },
  };
}
