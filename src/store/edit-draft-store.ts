/**
 * Whole-provider edits in $EDITOR, kept on disk until they are written,
 * found unchanged or given up: the text the editor edits is itself the
 * draft (`edits/<gateway>/<provider>/<editor>.edit.yaml|json`, mode 0600 in
 * private directories), next to `<editor>.meta.json` holding the format and
 * the gateway's copy the edit started from (the write's conflict base). A
 * killed app or an abandoned edit leaves both, and the next edit of that
 * provider (in the app or `providers edit`) offers to resume it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LOCAL_LIMITS } from '../api/local-file.js';
import type { EditFormat } from '../state/provider/edit-format.js';
import { editorRunning } from './draft-owner.js';
import type { EditDraft } from '../state/local-types.js';
import { StoreError, firstLine } from './store-error.js';
import { assertOwnDirs, ensureOwnDir, readJsonFile, readStateBytes, removeFile, writeFileAtomic } from './fs-util.js';
import { encodeName, resolveStateDir } from './state-dir.js';
import type { DirOptions } from './config-dir.js';

export interface EditDraftStore {
  /** Writes a new edit's text and meta; the returned draft names the file to open. */
  start(gateway: string, provider: string, editor: string, d: { format: EditFormat; original: Record<string, unknown>; text: string; savedAt: string }): EditDraft;
  /** Every kept edit of this provider, newest first; one that cannot be read is left out (and left alone). */
  list(gateway: string, provider: string): EditDraft[];
  readText(d: EditDraft): string;
  /** Replaces the text (a new header over the user's document). */
  writeText(d: EditDraft, text: string): void;
  /** The same edit on a newer copy of the gateway's (after a conflict). */
  rebase(d: EditDraft, original: Record<string, unknown>, savedAt: string): EditDraft;
  /** Removes both files. */
  remove(d: EditDraft): void;
}

interface Meta {
  format: EditFormat;
  original: Record<string, unknown>;
  savedAt: string;
}

function isMeta(v: unknown): v is Meta {
  if (v === null || typeof v !== 'object') return false;
  const m = v as Record<string, unknown>;
  return (m.format === 'json' || m.format === 'yaml') && typeof m.savedAt === 'string' && m.original !== null && typeof m.original === 'object' && !Array.isArray(m.original);
}

/** Opens the store in the XDG state dir (or `dir`/`$BIFROST_TUI_STATE_DIR`). Creates nothing until an edit starts. */
export function openEditDraftStore(opts: DirOptions = {}): EditDraftStore {
  const dir = resolveStateDir(opts);
  const checked = new Set<string>();
  const providerDir = (gateway: string, provider: string): string => path.join(dir, 'edits', encodeName(gateway), encodeName(provider));
  const metaFile = (d: Pick<EditDraft, 'file'>): string => d.file.replace(/\.edit\.(json|yaml)$/, '.meta.json');
  const writeMeta = (d: EditDraft): void => writeFileAtomic(metaFile(d), JSON.stringify({ format: d.format, original: d.original, savedAt: d.savedAt }));

  return {
    start(gateway, provider, editor, d) {
      const pdir = providerDir(gateway, provider);
      ensureOwnDir(dir, pdir, checked);
      const draft: EditDraft = { editor, file: path.join(pdir, `${encodeName(editor)}.edit.${d.format}`), format: d.format, original: d.original, savedAt: d.savedAt };
      writeFileAtomic(draft.file, d.text);
      writeMeta(draft);
      return draft;
    },
    list(gateway, provider) {
      const pdir = providerDir(gateway, provider);
      assertOwnDirs(dir, pdir, checked);
      let names: string[];
      try {
        names = fs.readdirSync(pdir);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw new StoreError(pdir, `cannot list: ${firstLine(err)}`, 'io', { cause: err });
      }
      const found: EditDraft[] = [];
      for (const name of names) {
        const m = /^([A-Za-z0-9_-]+)\.meta\.json$/.exec(name);
        if (!m) continue;
        try {
          const meta = readJsonFile(path.join(pdir, name));
          if (!isMeta(meta)) continue;
          const file = path.join(pdir, `${m[1]}.edit.${meta.format}`);
          if (!fs.existsSync(file)) continue;
          found.push({ editor: m[1]!, file, format: meta.format, original: meta.original, savedAt: meta.savedAt });
        } catch (err) {
          if (!(err instanceof StoreError)) throw err;
        }
      }
      return found.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
    },
    readText(d) {
      const bytes = readStateBytes(d.file, LOCAL_LIMITS.document);
      if (bytes === undefined) throw new StoreError(d.file, 'is gone (removed while it was edited?)', 'io');
      return bytes.toString('utf8');
    },
    writeText(d, text) {
      writeFileAtomic(d.file, text);
    },
    rebase(d, original, savedAt) {
      const next = { ...d, original, savedAt };
      writeMeta(next);
      return next;
    },
    remove(d) {
      removeFile(d.file);
      removeFile(metaFile(d));
    },
  };
}

/** Kept edits of this provider that no running editor holds, newest first. */
export function unfinishedEdits(store: EditDraftStore, gateway: string, provider: string): EditDraft[] {
  return store.list(gateway, provider).filter((d) => !editorRunning(d.editor, Date.parse(d.savedAt)));
}
