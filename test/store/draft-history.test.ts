import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDraftStore } from '../../src/store/draft-store.js';
import { openHistoryStore, historyStamp } from '../../src/store/history-store.js';
import { encodeName, gatewayKey, resolveStateDir } from '../../src/store/state-dir.js';
import { StoreError } from '../../src/store/store-error.js';
import type { Draft } from '../../src/state/local-types.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-state-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
});

const modeOf = (p: string): number => fs.statSync(p).mode & 0o777;
const draft: Draft = {
  original: { name: 'openai', network_config: { base_url: 'https://api.openai.com' }, unknown_field: [1] },
  edits: [{ path: ['network_config', 'default_request_timeout_in_seconds'], value: 60 }, { path: ['proxy_config'], remove: true }],
  savedAt: '2026-01-02T03:04:05.000Z',
};

describe('state dir and keys', () => {
  it('honours dir, BIFROST_TUI_STATE_DIR, XDG_STATE_HOME and ~/.local/state', () => {
    expect(resolveStateDir({ dir: '/d', env: { BIFROST_TUI_STATE_DIR: '/e' } })).toBe('/d');
    expect(resolveStateDir({ env: { BIFROST_TUI_STATE_DIR: '/e', XDG_STATE_HOME: '/x' } })).toBe('/e');
    expect(resolveStateDir({ env: { XDG_STATE_HOME: '/x', HOME: '/h' } })).toBe('/x/bifrost-tui');
    expect(resolveStateDir({ env: { HOME: '/h' } })).toBe('/h/.local/state/bifrost-tui');
  });

  it('gatewayKey is stable and filesystem-safe', () => {
    expect(gatewayKey('prod', 'http://x')).toBe('profile-prod');
    expect(gatewayKey(undefined, 'http://h:8080/')).toBe(gatewayKey(undefined, 'http://h:8080'));
    expect(gatewayKey(undefined, 'http://h:8080')).toMatch(/^url-[0-9a-f]{16}$/);
    expect(gatewayKey(undefined, 'http://h:8080')).not.toBe(gatewayKey(undefined, 'http://h:8081'));
    expect(gatewayKey('..', 'http://x')).toBe('profile-%2E%2E');
  });

  it('encodeName keeps safe characters and escapes the rest', () => {
    expect(encodeName('openai')).toBe('openai');
    expect(encodeName('../etc/passwd')).toBe('%2E%2E%2Fetc%2Fpasswd');
    expect(encodeName('a.b c')).toBe('a%2Eb%20c');
    expect(encodeName('x'.repeat(500)).length).toBeLessThan(200);
    expect(encodeName('x'.repeat(500))).not.toBe(encodeName(`${'x'.repeat(499)}y`));
  });
});

describe('drafts', () => {
  it('round-trips, with 0700 dirs and a 0600 file, and clears', () => {
    const store = openDraftStore({ dir });
    expect(store.loadDraft('profile-prod', 'openai')).toBeUndefined();
    store.saveDraft('profile-prod', 'openai', draft);
    expect(store.loadDraft('profile-prod', 'openai')).toEqual(draft);
    const file = store.draftPath('profile-prod', 'openai');
    expect(modeOf(file)).toBe(0o600);
    expect(modeOf(path.dirname(file))).toBe(0o700);
    expect(modeOf(path.join(dir, 'drafts'))).toBe(0o700);
    store.saveDraft('profile-prod', 'openai', { ...draft, edits: [] });
    expect(store.loadDraft('profile-prod', 'openai')?.edits).toEqual([]);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['openai.json']); // no temp files left
    expect(store.clearDraft('profile-prod', 'openai')).toBe(true);
    expect(store.clearDraft('profile-prod', 'openai')).toBe(false);
    expect(store.loadDraft('profile-prod', 'openai')).toBeUndefined();
  });

  it('never writes a typed secret to the file: it notes which one was typed', () => {
    const store = openDraftStore({ dir });
    const withSecret: Draft = {
      original: { name: 'openai', proxy_config: { type: 'http', url: 'http://proxy:3128' } },
      edits: [{ path: ['proxy_config', 'password'], value: 'hunter2-typed' }],
      fields: { 'proxy_config.password': { text: 'hunter2-typed', parsed: true, input: 'hunter2-typed' } },
      pending: { fieldId: 'proxy_config.username', text: 'half-typed-user' },
      savedAt: '2026-01-02T03:04:05.000Z',
    };
    store.saveDraft('gw', 'openai', withSecret);
    const text = fs.readFileSync(store.draftPath('gw', 'openai'), 'utf8');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('half-typed-user');
    expect(store.loadDraft('gw', 'openai')?.withheld).toEqual([{ fieldId: 'proxy_config.password' }, { fieldId: 'proxy_config.username' }]);
  });

  it('keeps providers and gateways apart, including odd provider names', () => {
    const store = openDraftStore({ dir });
    store.saveDraft('g1', 'a/../b', draft);
    store.saveDraft('g2', 'a/../b', { ...draft, savedAt: 'other' });
    expect(store.loadDraft('g1', 'a/../b')?.savedAt).toBe(draft.savedAt);
    expect(store.loadDraft('g2', 'a/../b')?.savedAt).toBe('other');
    expect(store.loadDraft('g1', 'b')).toBeUndefined();
  });

  it('saves are cheap enough to do on every edit', () => {
    const store = openDraftStore({ dir });
    const started = performance.now();
    for (let i = 0; i < 200; i++) store.saveDraft('g', 'openai', { ...draft, savedAt: String(i) });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(store.loadDraft('g', 'openai')?.savedAt).toBe('199');
  });

  it('a corrupt draft gives a clear error and is not deleted', () => {
    const store = openDraftStore({ dir });
    store.saveDraft('g', 'openai', draft);
    const file = store.draftPath('g', 'openai');
    for (const text of ['{"original":', '{"edits": 3}']) {
      fs.writeFileSync(file, text);
      let err: unknown;
      try {
        store.loadDraft('g', 'openai');
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(StoreError);
      expect((err as Error).message).toContain(file);
      expect(fs.readFileSync(file, 'utf8')).toBe(text);
    }
  });
});

describe('history', () => {
  it('appends entries with sortable unique ids and lists newest first', () => {
    const fixed = new Date('2026-11-26T14:07:33.123Z');
    const store = openHistoryStore({ dir, now: () => fixed });
    const a = store.appendHistory('g', 'openai', { v: 1 });
    const b = store.appendHistory('g', 'openai', { v: 2 });
    const c = store.appendHistory('g', 'openai', { v: 3 });
    expect(a.id).toBe('20261126T140733123Z');
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);
    expect([c.id, a.id, b.id].sort()).toEqual([a.id, b.id, c.id]);
    expect(store.listHistory('g', 'openai').map((e) => e.object.v)).toEqual([3, 2, 1]);
    expect(store.getHistory('g', 'openai', b.id)).toEqual(b);
    expect(store.getHistory('g', 'openai', '../../x')).toBeUndefined();
    expect(store.listHistory('g', 'other')).toEqual([]);
  });

  it('orders across milliseconds and keeps files private', () => {
    let t = Date.parse('2026-01-01T00:00:00.998Z');
    const store = openHistoryStore({ dir, now: () => new Date(t++) });
    const ids = [1, 2, 3, 4].map((v) => store.appendHistory('g', 'p.x', { v }).id);
    expect(store.listHistory('g', 'p.x').map((e) => e.id)).toEqual([...ids].reverse());
    const pdir = path.join(dir, 'history', 'g', encodeName('p.x'));
    expect(modeOf(pdir)).toBe(0o700);
    for (const f of fs.readdirSync(pdir)) expect(modeOf(path.join(pdir, f))).toBe(0o600);
    expect(historyStamp(new Date('2026-11-26T14:07:33.123Z'))).toBe('20261126T140733123Z');
  });

  it('with the real clock, rapid appends stay unique and ordered', () => {
    const store = openHistoryStore({ dir });
    const ids = Array.from({ length: 50 }, (_, i) => store.appendHistory('g', 'p', { i }).id);
    expect(new Set(ids).size).toBe(50);
    expect(store.listHistory('g', 'p').map((e) => e.object.i)).toEqual(Array.from({ length: 50 }, (_, i) => 49 - i));
  });

  it('a corrupt entry is skipped and reported by the scan, a clear error when asked for, and never deleted', () => {
    const store = openHistoryStore({ dir });
    const e = store.appendHistory('g', 'openai', { v: 1 });
    const file = path.join(dir, 'history', 'g', 'openai', `${e.id}.json`);
    fs.writeFileSync(file, 'not json');
    expect(store.listHistory('g', 'openai')).toEqual([]);
    expect(store.scanHistory('g', 'openai').skipped).toEqual([{ file, problem: expect.stringContaining('invalid JSON') }]);
    expect(() => store.getHistory('g', 'openai', e.id)).toThrow(file);
    expect(fs.readFileSync(file, 'utf8')).toBe('not json');
  });
});
