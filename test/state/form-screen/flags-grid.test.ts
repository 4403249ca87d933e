import { describe, expect, it } from 'vitest';
import { KNOWN_REQUEST_FLAGS } from '../../../src/state/provider/allowed-requests.js';
import { flagsReducer, flagsValue, openFlagsGrid, visibleFlags, type FlagsAction, type FlagsGridState } from '../../../src/state/form-screen/flags-grid.js';

const run = (g: FlagsGridState, ...actions: FlagsAction[]): FlagsGridState => actions.reduce(flagsReducer, g);
const filterBy = (text: string): FlagsAction[] => [
  { type: 'flags-filter-start' }, { type: 'flags-filter-line', op: { type: 'insert', text } }, { type: 'flags-filter-done' },
];
const WIRE = { list_models: true, chat_completion: true, embedding: false, quantum_completion: true };
const BATCH = KNOWN_REQUEST_FLAGS.filter((f) => f.startsWith('batch_'));

describe('allowed_requests grid', () => {
  it('absent opens in "all" mode and stays absent until something changes', () => {
    const g = openFlagsGrid(undefined);
    expect(g.model.mode).toBe('all');
    expect(flagsValue(g)).toBeUndefined();
    expect(flagsValue(run(g, { type: 'flags-all-on' }))).toBeUndefined();
    expect(visibleFlags(g)).toEqual([...KNOWN_REQUEST_FLAGS]);
  });

  it('a first toggle from "all" denies only that flag and spells the rest out as allowed', () => {
    const g = run(openFlagsGrid(null), { type: 'flags-move', delta: 3 }, { type: 'flags-toggle' });
    const v = flagsValue(g) as Record<string, boolean>;
    expect(v.chat_completion).toBe(false);
    expect(Object.keys(v)).toHaveLength(KNOWN_REQUEST_FLAGS.length);
    expect(Object.entries(v).filter(([, on]) => !on).map(([k]) => k)).toEqual(['chat_completion']);
  });

  it('filter, then all off / all on / invert act on the shown flags only', () => {
    const filtered = run(openFlagsGrid(WIRE), ...filterBy('batch'));
    expect(visibleFlags(filtered)).toEqual(BATCH);
    const on = flagsValue(run(filtered, { type: 'flags-all-on' })) as Record<string, boolean>;
    expect(on).toEqual({ ...WIRE, ...Object.fromEntries(BATCH.map((f) => [f, true])) });
    const off = flagsValue(run(filtered, { type: 'flags-all-on' }, { type: 'flags-all-off' })) as Record<string, boolean>;
    expect(off).toEqual({ ...WIRE, ...Object.fromEntries(BATCH.map((f) => [f, false])) });
    // invert over "chat": chat_completion on→off, chat_completion_stream (missing = denied) → on
    const chat = run(openFlagsGrid(WIRE), ...filterBy('chat'));
    expect(visibleFlags(chat)).toEqual(['chat_completion', 'chat_completion_stream']);
    expect(flagsValue(run(chat, { type: 'flags-invert' }))).toEqual({ ...WIRE, chat_completion: false, chat_completion_stream: true });
  });

  it('all off from "all" mode under a filter keeps everything else allowed', () => {
    const g = run(openFlagsGrid(undefined), ...filterBy('video'), { type: 'flags-all-off' });
    const v = flagsValue(g) as Record<string, boolean>;
    const denied = Object.entries(v).filter(([, on]) => !on).map(([k]) => k);
    expect(denied).toEqual(KNOWN_REQUEST_FLAGS.filter((f) => f.includes('video')));
    expect(v.chat_completion).toBe(true);
  });

  it('mode switch: only → all drops the object (absent = everything allowed); all → only lists everything allowed', () => {
    const toAll = run(openFlagsGrid(WIRE), { type: 'flags-mode' });
    expect(toAll.model.mode).toBe('all');
    expect(flagsValue(toAll)).toBeUndefined();
    const back = run(toAll, { type: 'flags-mode' });
    expect(back.model.mode).toBe('only');
    expect(Object.values(flagsValue(back) as Record<string, boolean>).every(Boolean)).toBe(true);
  });

  it('flags the client does not know are shown (after the known ones), kept and can be toggled', () => {
    const g = openFlagsGrid(WIRE);
    const names = visibleFlags(g);
    expect(names[names.length - 1]).toBe('quantum_completion');
    expect((flagsValue(run(g, { type: 'flags-move', delta: 1 }, { type: 'flags-toggle' })) as Record<string, boolean>).quantum_completion).toBe(true);
    const q = run(g, ...filterBy('quantum'), { type: 'flags-toggle' });
    expect(flagsValue(q)).toEqual({ ...WIRE, quantum_completion: false });
  });

  it('keeps the cursor on a shown flag: clamped moves, reset on a new filter, nothing to toggle when nothing matches', () => {
    const g = openFlagsGrid(WIRE);
    const n = visibleFlags(g).length;
    expect(run(g, { type: 'flags-move', delta: -5 }).cursor).toBe(0);
    expect(run(g, { type: 'flags-move', delta: 10_000 }).cursor).toBe(n - 1);
    const moved = run(g, { type: 'flags-move', delta: 7 });
    const filtered = run(moved, ...filterBy('stream'));
    expect(filtered.cursor).toBe(0);
    expect(run(filtered, { type: 'flags-move', delta: 10_000 }).cursor).toBe(visibleFlags(filtered).length - 1);
    const none = run(g, ...filterBy('zzz'));
    expect(visibleFlags(none)).toEqual([]);
    expect(run(none, { type: 'flags-move', delta: 3 }).cursor).toBe(0);
    expect(flagsValue(run(none, { type: 'flags-toggle' }))).toEqual(WIRE);
    expect(flagsValue(run(none, { type: 'flags-all-off' }))).toEqual(WIRE);
    const cleared = run(none, { type: 'flags-filter-clear' });
    expect(cleared.filter.text).toBe('');
    expect(visibleFlags(cleared)).toHaveLength(n);
  });
});
