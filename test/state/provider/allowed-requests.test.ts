import { describe as suite, expect, it } from 'vitest';
import {
  KNOWN_REQUEST_FLAGS, allOff, allOn, count, describe, filter, flagNames, fromWire, invert, isAllowed, isUnknownFlag,
  setMode, toWire, toggle,
} from '../../../src/state/provider/allowed-requests.js';
import { buildBody, createFormState, isDirty, setFieldValue } from '../../../src/state/provider/edit-model.js';
import { CUSTOM_PROVIDER } from '../../fixtures/providers.js';

const WIRE = CUSTOM_PROVIDER.custom_provider_config!.allowed_requests!;
const ID = 'custom_provider_config.allowed_requests';

suite('allowed_requests model', () => {
  it('absent or null means everything allowed', () => {
    for (const v of [undefined, null]) {
      const m = fromWire(v);
      expect(m.mode).toBe('all');
      expect(isAllowed(m, 'chat_completion')).toBe(true);
      expect(isAllowed(m, 'some_future_type')).toBe(true);
      expect(toWire(m)).toBeUndefined();
      expect(describe(m)).toMatch(/absent: every request type is allowed/);
    }
  });

  it('present means only true flags; missing and false flags are denied', () => {
    const m = fromWire(WIRE);
    expect(m.mode).toBe('only');
    expect(isAllowed(m, 'chat_completion')).toBe(true);
    expect(isAllowed(m, 'embedding')).toBe(false);
    expect(isAllowed(m, 'rerank')).toBe(false);
    expect(describe(m)).toMatch(/missing or false flags.*are denied/);
    expect(fromWire({})).toEqual({ mode: 'only', flags: {} });
  });

  it('keeps unknown flags, lists them after the known ones and counts them', () => {
    const m = fromWire(WIRE);
    const names = flagNames(m);
    expect(names.slice(0, KNOWN_REQUEST_FLAGS.length)).toEqual(KNOWN_REQUEST_FLAGS);
    expect(names[names.length - 1]).toBe('quantum_completion');
    expect(isUnknownFlag('quantum_completion')).toBe(true);
    expect(count(m)).toEqual({ allowed: 4, total: KNOWN_REQUEST_FLAGS.length + 1, text: `4/${KNOWN_REQUEST_FLAGS.length + 1} allowed` });
    expect(toWire(toggle(m, 'rerank'))).toEqual({ ...WIRE, rerank: true });
  });

  it('toggle from "all" keeps everything else allowed', () => {
    const m = toggle(fromWire(undefined), 'realtime');
    expect(m.mode).toBe('only');
    expect(isAllowed(m, 'realtime')).toBe(false);
    expect(count(m).allowed).toBe(KNOWN_REQUEST_FLAGS.length - 1);
  });

  it('bulk ops: allOn, allOff, invert, on a filtered subset too', () => {
    const m = fromWire(WIRE);
    expect(count(allOn(m)).allowed).toBe(count(m).total);
    expect(count(allOff(m)).allowed).toBe(0);
    expect(toWire(allOff(m))!.quantum_completion).toBe(false);
    const inv = invert(m);
    expect(isAllowed(inv, 'chat_completion')).toBe(false);
    expect(isAllowed(inv, 'embedding')).toBe(true);
    expect(count(inv).allowed).toBe(count(m).total - 4);
    const batch = filter(m, 'batch');
    expect(batch).toEqual(['batch_create', 'batch_list', 'batch_retrieve', 'batch_cancel', 'batch_results', 'batch_delete']);
    const on = allOn(m, batch);
    expect(count(on, batch).text).toBe('6/6 allowed');
    expect(isAllowed(on, 'file_upload')).toBe(false);
    expect(allOn(fromWire(null))).toEqual(fromWire(null));
  });

  it('filter matches words in any order, with _ - or space', () => {
    const m = fromWire(WIRE);
    expect(filter(m, 'stream image')).toEqual(['image_generation_stream', 'image_edit_stream']);
    expect(filter(m, 'quantum')).toEqual(['quantum_completion']);
    expect(filter(m, '')).toEqual(flagNames(m));
  });

  it('setMode: all removes the object, only creates it from the current state', () => {
    const m = fromWire(WIRE);
    const all = setMode(m, 'all');
    expect(toWire(all)).toBeUndefined();
    const only = setMode(all, 'only');
    expect(count(only).allowed).toBe(KNOWN_REQUEST_FLAGS.length);
    expect(setMode(m, 'only')).toBe(m);
  });

  it('drives the edit model: set as a whole, removed for "all", unknown flags kept', () => {
    let s = createFormState(CUSTOM_PROVIDER);
    s = setFieldValue(s, ID, toWire(toggle(fromWire(WIRE), 'embedding')));
    const cpc = () => buildBody(s).custom_provider_config as Record<string, unknown>;
    expect(cpc().allowed_requests).toEqual({ ...WIRE, embedding: true });
    s = setFieldValue(s, ID, toWire(setMode(fromWire(WIRE), 'all')) ?? null);
    expect(cpc()).not.toHaveProperty('allowed_requests');
    s = setFieldValue(s, ID, toWire(fromWire(WIRE)));
    expect(isDirty(s, ID)).toBe(false);
  });
});

suite('dirty semantics of allowed_requests', () => {
  it('a false flag and a missing flag are the same setting; absent and {} are not', async () => {
    const { sameFieldValue } = await import('../../../src/state/provider/same-value.js');
    const { descriptor } = await import('../../../src/state/provider/descriptors.js');
    const d = descriptor('custom_provider_config.allowed_requests');
    expect(sameFieldValue(d, { chat_completion: true }, { chat_completion: true, batch_create: false })).toBe(true);
    expect(sameFieldValue(d, { chat_completion: true }, { chat_completion: false })).toBe(false);
    expect(sameFieldValue(d, undefined, {})).toBe(false);
  });
});
