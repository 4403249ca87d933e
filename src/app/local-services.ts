/**
 * The parts of Services that live on this machine: drafts and history in the
 * XDG state dir, files and $EDITOR for PEM values, and exit hooks.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { registerBeforeExit } from '../ui/exit-hooks.js';
import { openDraftStore } from '../store/draft-store.js';
import { openHistoryStore } from '../store/history-store.js';
import { terminalControl } from '../ui/terminal-control.js';
import type { DraftService, EditorService, HistoryService, Services } from '../ui/services.js';

/** Largest file accepted as a PEM value. */
const MAX_TEXT_FILE = 1024 * 1024;

export function localServices(env: NodeJS.ProcessEnv, opts: { stateDir?: string } = {}): Pick<Services, 'drafts' | 'history' | 'editor' | 'onBeforeExit'> {
  const dirOpts = { env, ...(opts.stateDir ? { dir: opts.stateDir } : {}) };
  const draftStore = openDraftStore(dirOpts);
  const historyStore = openHistoryStore(dirOpts);
  const drafts: DraftService = {
    load: (gw, p) => draftStore.loadDraft(gw, p),
    save: (gw, p, d) => draftStore.saveDraft(gw, p, d),
    clear: (gw, p) => void draftStore.clearDraft(gw, p),
  };
  const history: HistoryService = {
    append: (gw, p, object) => void historyStore.appendHistory(gw, p, object),
  };
  return { drafts, history, editor: editorService(env), onBeforeExit: registerBeforeExit };
}

function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? path.join(homedir(), p.slice(1)) : p;
}

export function editorService(env: NodeJS.ProcessEnv): EditorService {
  return {
    async readTextFile(file: string): Promise<string> {
      const full = path.resolve(expandHome(file.trim()));
      let size: number;
      try {
        size = statSync(full).size;
      } catch (err) {
        const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message.split('\n')[0];
        throw new Error(reason, { cause: err });
      }
      if (size > MAX_TEXT_FILE) throw new Error(`file is larger than ${MAX_TEXT_FILE / 1024} KiB; not a PEM`);
      const text = readFileSync(full, 'utf8');
      if (text.includes('\u0000')) throw new Error('file is binary, not PEM text');
      return text;
    },
    async editInEditor(initial: string, suffix: string): Promise<string | undefined> {
      const editor = env.VISUAL || env.EDITOR || 'vi';
      const dir = mkdtempSync(path.join(tmpdir(), 'bifrost-tui-'));
      const file = path.join(dir, `value${suffix}`);
      writeFileSync(file, initial, { mode: 0o600, flag: 'wx' });
      const ctrl = terminalControl();
      ctrl?.suspend();
      try {
        const r = spawnSync(`${editor} "${file}"`, { shell: true, stdio: 'inherit' });
        if (r.status !== 0) return undefined;
        return readFileSync(file, 'utf8');
      } finally {
        ctrl?.resume();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
