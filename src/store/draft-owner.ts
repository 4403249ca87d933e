/**
 * Who wrote a draft: every running editor has its own id, `<host>_<pid>_<random>`
 * (letters, digits, `_`, `-` only), so it can tell an unrecovered draft (its
 * editor is gone) from one that another running editor is still writing.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { processAlive, processStartedAtMs } from './process-identity.js';

/** Editors alive in this process (tests run several in one process). */
const liveHere = new Set<string>();

const safe = (s: string): string => s.replace(/[^A-Za-z0-9-]/g, '-').slice(0, 40) || 'host';

/** A fresh id for an editor in this process, registered as running until the process ends. */
export function newEditorId(): string {
  const id = `${safe(hostname())}_${process.pid}_${randomBytes(4).toString('hex')}`;
  liveHere.add(id);
  return id;
}

/** Marks an editor of this process as gone (its drafts become unrecovered). */
export function endEditor(id: string): void {
  liveHere.delete(id);
}

/**
 * True when the editor that wrote a draft is still running on this machine.
 * A draft of another machine, or of an id we cannot read, counts as not
 * running: offering it loses nothing. PIDs are reused, so a live PID counts
 * only when its process started before the draft was last saved
 * (`savedAtMs`): an editor saves its draft while it runs, and a process that
 * started later is an unrelated one that got the dead editor's number.
 */
export function editorRunning(id: string, savedAtMs?: number): boolean {
  const m = /^(.+)_(\d+)_([0-9a-f]+)$/.exec(id);
  if (!m || m[1] !== safe(hostname())) return false;
  const pid = Number(m[2]);
  if (pid === process.pid) return liveHere.has(id);
  if (!processAlive(pid, undefined)) return false;
  const startedAt = processStartedAtMs(pid);
  return startedAt === undefined || savedAtMs === undefined || !Number.isFinite(savedAtMs) || startedAt <= savedAtMs;
}
