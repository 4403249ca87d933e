/** The first-run setup screen: the short profile form and the test-then-save step. Pure. */
import { formReducer, initialForm, visibleFields, type FieldId, type FormAction, type ProfileFormState } from './profile-form.js';

export interface SetupState {
  form: ProfileFormState;
  /** testing: checking the gateway; saving: storing the profile and connecting. */
  phase: 'editing' | 'testing' | 'saving';
  /** Last test or save result, one line. */
  message?: { role: 'ok' | 'error' | 'muted'; text: string };
}

export type SetupAction =
  | { type: 'form'; action: FormAction }
  | { type: 'errors'; errors: Partial<Record<FieldId, string>> }
  | { type: 'test-started' }
  | { type: 'test-failed'; message: string }
  | { type: 'saving'; message: string }
  | { type: 'save-failed'; message: string };

export function initialSetupState(): SetupState {
  return { form: initialForm('setup'), phase: 'editing' };
}

/** True while the form takes no edits (a request is running). */
export function setupBusy(state: SetupState): boolean {
  return state.phase !== 'editing';
}

function focusToken(form: ProfileFormState): ProfileFormState {
  const at = visibleFields(form).indexOf('tokenSource');
  return at >= 0 ? { ...form, focus: at } : form;
}

export function setupReducer(state: SetupState, action: SetupAction): SetupState {
  switch (action.type) {
    case 'form':
      return setupBusy(state) ? state : { ...state, form: formReducer(state.form, action.action) };
    case 'errors':
      return { ...state, form: formReducer(state.form, { type: 'errors', errors: action.errors }), message: { role: 'error', text: 'fix the marked fields' } };
    case 'test-started':
      return { ...state, phase: 'testing', message: { role: 'muted', text: `testing ${state.form.values.url.trim()}…` } };
    case 'test-failed': {
      // A gateway locked until setup (v2.2.6) asks for its setup token: the token fields appear, focused.
      const locked = /setup token/i.test(action.message);
      const form = locked && !state.form.showToken ? focusToken({ ...state.form, showToken: true }) : state.form;
      return { ...state, form, phase: 'editing', message: { role: 'error', text: `✖ ${action.message}` } };
    }
    case 'saving':
      return { ...state, phase: 'saving', message: { role: 'ok', text: `✔ ${action.message}` } };
    case 'save-failed':
      return { ...state, phase: 'editing', message: { role: 'error', text: `✖ ${action.message}` } };
  }
}
