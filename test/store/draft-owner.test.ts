/**
 * Whose draft is it: a draft whose editor is gone is offered, even when its PID now belongs to an
 * unrelated live process (PIDs are reused); a draft of a running editor is not.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { draftService } from '../../src/app/local-services.js';
import { openDraftStore } from '../../src/store/draft-store.js';
import type { Draft } from '../../src/state/local-types.js';

let dir: string;
let other: ChildProcess | undefined;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-owner-'));
});
afterEach(() => {
  other?.kill('SIGKILL');
  other = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

const host = os.hostname().replace(/[^A-Za-z0-9-]/g, '-').slice(0, 40) || 'host';
const draftAt = (savedAt: Date): Draft => ({ original: { name: 'openai' }, edits: [{ path: ['network_config', 'max_retries'], value: 4 }], savedAt: savedAt.toISOString() });

/** An unrelated process that is running now, and started just now. */
async function unrelatedProcess(): Promise<number> {
  other = spawn('sleep', ['60'], { stdio: 'ignore' });
  await new Promise((r) => other!.once('spawn', r));
  return other.pid!;
}

describe('draft owners', () => {
  it('a draft saved before its PID\'s current process started is offered (the PID was reused)', async () => {
    const pid = await unrelatedProcess();
    const store = openDraftStore({ dir });
    const drafts = draftService(store);
    // The editor that wrote this (PID `pid`) ended an hour ago; `sleep` got its number since.
    store.saveDraft('gw', 'openai', draftAt(new Date(Date.now() - 3_600_000)), `${host}_${pid}_0a1b2c3d`);
    expect(drafts.unrecovered('gw', 'openai').map((d) => d.editor)).toEqual([`${host}_${pid}_0a1b2c3d`]);
  });

  it('a draft saved while its PID\'s process was running is that editor\'s: not offered', async () => {
    const pid = await unrelatedProcess();
    const store = openDraftStore({ dir });
    const drafts = draftService(store);
    store.saveDraft('gw', 'openai', draftAt(new Date(Date.now() + 60_000)), `${host}_${pid}_0a1b2c3d`);
    expect(drafts.unrecovered('gw', 'openai')).toEqual([]);
  });

  it('an editor of this process is running until it ends', () => {
    const store = openDraftStore({ dir });
    const drafts = draftService(store);
    const id = drafts.begin();
    store.saveDraft('gw', 'openai', draftAt(new Date()), id);
    expect(drafts.unrecovered('gw', 'openai')).toEqual([]);
    drafts.end(id);
    expect(drafts.unrecovered('gw', 'openai').map((d) => d.editor)).toEqual([id]);
  });
});
