import { describe, expect, it } from 'vitest';
import type { Provider } from '../../../src/api/wire.js';
import { setField } from '../../../src/state/provider/edit-model.js';
import { reduceFormScreen, type FormScreenAction } from '../../../src/state/form-screen/form-screen-reducer.js';
import { initialFormScreen, withForm, type FormScreenState } from '../../../src/state/form-screen/form-screen-state.js';

const provider: Provider = {
  name: 'openai',
  network_config: { max_retries: 1 },
  concurrency_and_buffer_size: { concurrency: 10, buffer_size: 20 },
  provider_status: 'active',
};
const run = (s: FormScreenState, ...a: FormScreenAction[]): FormScreenState => a.reduce(reduceFormScreen, s);

/** The pipeline's answer to the save under way: written, the confirming read showing `copy`. */
function written(s: FormScreenState, copy: Provider): FormScreenAction {
  if (s.mode.kind !== 'saving') throw new Error('not saving');
  return { type: 'write-finished', at: '12:00:00', outcome: { kind: 'written', review: s.mode.review, response: copy, confirmed: copy, notes: [] } };
}

function dirtyForm(): FormScreenState {
  const s = run(initialFormScreen('openai'), { type: 'load-succeeded', provider, isNew: false });
  return withForm(s, { form: setField(s.form, 'network_config.max_retries', '3') });
}

describe('save chosen when leaving a dirty form', () => {
  it('leaves once the save succeeded', () => {
    let s = run(dirtyForm(), { type: 'leave-requested', then: 'back' });
    expect(s.mode.kind).toBe('leave');
    s = run(s, { type: 'save-requested' }, { type: 'fresh-fetched', fresh: provider }, { type: 'review-shown' }, { type: 'review-confirm', at: 0 });
    expect(s.leaveNow).toBeUndefined();
    s = run(s, written(s, { ...provider, network_config: { max_retries: 3 } }));
    expect(s.leaveNow).toBe('back');
  });

  it('stays, with every edit, when the save fails or is cancelled', () => {
    const failed = run(dirtyForm(), { type: 'leave-requested', then: 'quit' }, { type: 'save-requested' }, { type: 'save-failed', message: '500: boom' });
    expect(failed.leaveNow).toBeUndefined();
    expect(failed.form.edits.get('network_config.max_retries')?.text).toBe('3');
    const cancelled = run(dirtyForm(), { type: 'leave-requested', then: 'quit' }, { type: 'save-requested' }, { type: 'fresh-fetched', fresh: provider }, { type: 'cancel' });
    const saving = run(cancelled, { type: 'save-requested' }, { type: 'fresh-fetched', fresh: provider }, { type: 'review-shown' }, { type: 'review-confirm', at: 0 });
    const later = run(saving, written(saving, provider));
    expect(later.leaveNow).toBeUndefined();
  });
});

describe('keys on an "other" (unknown, read-only) row', () => {
  it('x, D and v do nothing there instead of failing', () => {
    let s = run(initialFormScreen('openai', false, 50), { type: 'load-succeeded', provider: { ...provider, pricing_overrides: { a: 1 } } as Provider, isNew: false });
    const idx = s.rows.findIndex((r) => r.type === 'other');
    expect(idx).toBeGreaterThan(0);
    s = run(s, { type: 'move', delta: idx });
    for (const a of [{ type: 'revert-field' }, { type: 'reset-field' }, { type: 'toggle-reveal' }] as FormScreenAction[]) {
      expect(() => run(s, a)).not.toThrow();
    }
  });
});
