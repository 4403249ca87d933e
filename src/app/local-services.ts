/**
 * The parts of Services that live on this machine: drafts and history in the
 * XDG state dir, files and $EDITOR for PEM values, and exit hooks.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { LOCAL_LIMITS, LocalFileError, readTextFileSync } from '../api/local-file.js';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { registerBeforeExit } from '../ui/exit-hooks.js';
import { editorRunning, endEditor, newEditorId } from '../store/draft-owner.js';
import { openDraftStore, type DraftStore } from '../store/draft-store.js';
import { openHistoryStore } from '../store/history-store.js';
import { terminalControl } from '../ui/terminal-control.js';
import { runEditorOn } from '../commands/external-editor.js';
import type { DraftService, EditDraftService, EditorService, HistoryService, Services } from '../ui/services.js';
import { openEditDraftStore, unfinishedEdits, type EditDraftStore } from '../store/edit-draft-store.js';
import { chosenEditFormat } from '../state/provider/edit-format.js';


export function localServices(env: NodeJS.ProcessEnv, opts: { stateDir?: string } = {}): Pick<Services, 'drafts' | 'history' | 'edits' | 'editor' | 'onBeforeExit'> {
  const dirOpts = { env, ...(opts.stateDir ? { dir: opts.stateDir } : {}) };
  const draftStore = openDraftStore(dirOpts);
  const historyStore = openHistoryStore(dirOpts);
  const drafts = draftService(draftStore);
  const history: HistoryService = {
    append: (gw, p, object) => historyStore.appendHistory(gw, p, object).id,
    remove: (gw, p, id) => void historyStore.removeHistory(gw, p, id),
    list: (gw, p) => {
      const { entries, skipped } = historyStore.scanHistory(gw, p);
      return { entries, skipped: skipped.length };
    },
  };
  return { drafts, history, edits: editDraftService(openEditDraftStore(dirOpts), env), editor: editorService(env), onBeforeExit: registerBeforeExit };
}

/** Whole-provider edits on the edit-draft store; an edit is unfinished once its editor is gone. */
export function editDraftService(store: EditDraftStore, env: NodeJS.ProcessEnv): EditDraftService {
  const now = (): string => new Date().toISOString();
  const chosen = chosenEditFormat(undefined, env);
  // A bad BIFROST_TUI_EDIT_FORMAT: the commands say so; the app opens YAML.
  const format: EditDraftService['format'] = typeof chosen === 'string' ? chosen : 'yaml';
  return {
    begin: newEditorId,
    end: endEditor,
    start: (gw, p, editor, d) => store.start(gw, p, editor, { ...d, savedAt: now() }),
    unfinished: (gw, p) => unfinishedEdits(store, gw, p),
    readText: (d) => store.readText(d),
    writeText: (d, text) => store.writeText(d, text),
    rebase: (d, original) => store.rebase(d, original, now()),
    remove: (d) => store.remove(d),
    format,
  };
}

/** Drafts on a draft store, one file per editor; a draft is unrecovered once its editor is gone. */
export function draftService(store: DraftStore): DraftService {
  return {
    begin: newEditorId,
    end: endEditor,
    unrecovered: (gw, p) => store.listDrafts(gw, p).filter((d) => d.editor === undefined || !editorRunning(d.editor, Date.parse(d.draft.savedAt))),
    save: (gw, p, editor, d) => store.saveDraft(gw, p, d, editor),
    clear: (gw, p, editor) => void store.clearDraft(gw, p, editor),
  };
}

function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? path.join(homedir(), p.slice(1)) : p;
}

/** Runs $EDITOR on `file` with Ink suspended around it (alternate screen, raw mode, bracketed paste); why it failed, or undefined. */
function editFile(file: string, env: NodeJS.ProcessEnv): string | undefined {
  const ctrl = terminalControl();
  ctrl?.suspend();
  try {
    return runEditorOn(file, env);
  } finally {
    ctrl?.resume();
  }
}

export function editorService(env: NodeJS.ProcessEnv): EditorService {
  return {
    async readTextFile(file: string): Promise<string> {
      const full = path.resolve(expandHome(file.trim()));
      let text: string;
      try {
        // A regular file of at most 1 MiB: /dev/zero or a FIFO is refused, never read.
        text = readTextFileSync(full, LOCAL_LIMITS.pem);
      } catch (err) {
        if (!(err instanceof LocalFileError)) throw err;
        throw new Error(err.problem === 'too-large' ? `${err.reason}; not a PEM` : err.reason, { cause: err });
      }
      if (text.includes('\u0000')) throw new Error('file is binary, not PEM text');
      return text;
    },
    async editInEditor(initial: string, suffix: string): Promise<string | undefined> {
      const dir = mkdtempSync(path.join(tmpdir(), 'bifrost-tui-'));
      const file = path.join(dir, `value${suffix}`);
      writeFileSync(file, initial, { mode: 0o600, flag: 'wx' });
      try {
        if (editFile(file, env) !== undefined) return undefined;
        return readTextFileSync(file, LOCAL_LIMITS.pem);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    async editFile(file: string): Promise<string | undefined> {
      return editFile(file, env);
    },
  };
}
