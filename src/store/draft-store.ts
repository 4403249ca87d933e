/**
 * Unsaved form edits on disk, written synchronously on every committed edit:
 * one file per gateway, provider and editor (`drafts/<gateway>/<provider>/<editor>.json`),
 * so two editors of one provider never overwrite each other's draft. Without an
 * editor the single file of older versions (`drafts/<gateway>/<provider>.json`) is meant.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Draft, StoredDraft } from '../state/local-types.js';
import { withoutTypedSecrets } from '../state/form-screen/draft-secrets.js';
import { StoreError, firstLine } from './store-error.js';
import { assertOwnDirs, ensureOwnDir, readJsonFile, removeFile, writeFileAtomic } from './fs-util.js';
import { encodeName, resolveStateDir } from './state-dir.js';
import type { DirOptions } from './config-dir.js';

export interface DraftStore {
  /** The state directory (drafts are under `drafts/<gateway>/<provider>/<editor>.json`). */
  readonly dir: string;
  /** Where the editor's draft of this provider lives (it may not exist). */
  draftPath(gateway: string, provider: string, editor?: string): string;
  // Editor ids are made of [A-Za-z0-9_-] (see draft-owner.ts), so a file name is its editor id.
  /** Atomic, synchronous, mode 0600: survives a crash right after it returns. Typed secrets are left out (the draft notes them). */
  saveDraft(gateway: string, provider: string, draft: Draft, editor?: string): void;
  /** undefined when there is none; StoreError (file left alone) when it is unreadable. */
  loadDraft(gateway: string, provider: string, editor?: string): Draft | undefined;
  /** Returns false when there was none. */
  clearDraft(gateway: string, provider: string, editor?: string): boolean;
  /** Every draft of this provider, whichever editor wrote it, newest first. An unreadable one throws (left alone). */
  listDrafts(gateway: string, provider: string): StoredDraft[];
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
  const editorsDir = (gateway: string, provider: string): string => path.join(gatewayDir(gateway), encodeName(provider));
  const draftPath = (gateway: string, provider: string, editor?: string): string =>
    editor === undefined ? path.join(gatewayDir(gateway), `${encodeName(provider)}.json`) : path.join(editorsDir(gateway, provider), `${encodeName(editor)}.json`);
  // Every folder on the way is checked once: ours, and writable by nobody else (a planted draft is never offered).
  const checked = new Set<string>();
  const loadDraft = (gateway: string, provider: string, editor?: string): Draft | undefined => {
    const file = draftPath(gateway, provider, editor);
    assertOwnDirs(dir, path.dirname(file), checked);
    const value = readJsonFile(file);
    if (value === undefined) return undefined;
    if (!isDraft(value)) {
      throw new StoreError(file, 'is not a draft (needs original, edits, savedAt); left unchanged', 'corrupt');
    }
    return value;
  };

  return {
    dir,
    draftPath,
    saveDraft(gateway, provider, draft, editor) {
      const file = draftPath(gateway, provider, editor);
      const fdir = path.dirname(file);
      if (!made.has(fdir)) {
        ensureOwnDir(dir, fdir, checked);
        made.add(fdir);
      }
      const text = JSON.stringify(withoutTypedSecrets(draft));
      try {
        writeFileAtomic(file, text);
      } catch (err) {
        // The folder may have been removed behind our back: retry once after recreating it.
        if (!fs.existsSync(fdir)) {
          ensureOwnDir(dir, fdir, checked);
          writeFileAtomic(file, text);
        } else throw err;
      }
    },
    loadDraft,
    clearDraft(gateway, provider, editor) {
      return removeFile(draftPath(gateway, provider, editor));
    },
    listDrafts(gateway, provider) {
      let names: string[] = [];
      assertOwnDirs(dir, editorsDir(gateway, provider), checked);
      try {
        names = fs.readdirSync(editorsDir(gateway, provider));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new StoreError(editorsDir(gateway, provider), `cannot list: ${firstLine(err)}`, 'io', { cause: err });
      }
      const editors: Array<string | undefined> = [undefined, ...names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).map((n) => n.slice(0, -5))];
      return editors
        .flatMap((editor) => {
          const draft = loadDraft(gateway, provider, editor);
          return draft ? [{ ...(editor === undefined ? {} : { editor }), draft }] : [];
        })
        .sort((a, b) => b.draft.savedAt.localeCompare(a.draft.savedAt));
    },
  };
}
