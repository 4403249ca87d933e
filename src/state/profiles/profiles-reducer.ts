/** The profiles screen: stored profiles, cursor, one-line status, and the add/edit form or a delete confirmation. Pure. */
import type { Profile } from '../local-types.js';
import { formReducer, initialForm, type FieldId, type FormAction, type ProfileFormState } from './profile-form.js';

/** One line under the table: a test result, a store error, what just happened. */
export interface StatusLine {
  role: 'ok' | 'error' | 'muted';
  text: string;
}

export type ProfilesMode =
  | { kind: 'browse' }
  | { kind: 'confirm-delete'; name: string }
  | { kind: 'form'; form: ProfileFormState };

export interface ProfilesState {
  profiles: Profile[];
  defaultName?: string;
  cursor: number;
  mode: ProfilesMode;
  status?: StatusLine;
  /** Name of the profile whose test is running. */
  testing?: string;
  /** The reveal key's result for one profile (cleared when the cursor moves). */
  reveal?: { name: string; text: string };
  /** A switch is in progress (resolving the key, connecting). */
  connecting?: string;
}

export type ProfilesAction =
  | { type: 'loaded'; profiles: Profile[]; defaultName?: string; select?: string }
  | { type: 'status'; status?: StatusLine }
  | { type: 'move'; delta: number }
  | { type: 'first' }
  | { type: 'last' }
  | { type: 'add' }
  | { type: 'edit' }
  | { type: 'form'; action: FormAction }
  | { type: 'form-errors'; errors: Partial<Record<FieldId, string>> }
  | { type: 'form-close' }
  | { type: 'delete' }
  | { type: 'delete-cancel' }
  | { type: 'test-started'; name: string }
  | { type: 'test-done'; name: string; ok: boolean; message: string }
  | { type: 'reveal'; name: string; text: string }
  | { type: 'connecting'; name?: string };

export function initialProfilesState(): ProfilesState {
  return { profiles: [], cursor: 0, mode: { kind: 'browse' } };
}

/** The profile under the cursor. */
export function focusedProfile(state: ProfilesState): Profile | undefined {
  return state.profiles[state.cursor];
}

function moveTo(state: ProfilesState, cursor: number): ProfilesState {
  const c = Math.max(0, Math.min(cursor, state.profiles.length - 1));
  return c === state.cursor ? state : { ...state, cursor: c, reveal: undefined };
}

export function profilesReducer(state: ProfilesState, action: ProfilesAction): ProfilesState {
  switch (action.type) {
    case 'loaded': {
      const focused = action.select ?? state.profiles[state.cursor]?.name;
      const idx = focused === undefined ? -1 : action.profiles.findIndex((p) => p.name === focused);
      const cursor = idx >= 0 ? idx : Math.max(0, Math.min(state.cursor, action.profiles.length - 1));
      return { ...state, profiles: action.profiles, defaultName: action.defaultName, cursor, reveal: undefined };
    }
    case 'status':
      return { ...state, status: action.status };
    case 'move':
      return state.mode.kind === 'browse' ? moveTo(state, state.cursor + action.delta) : state;
    case 'first':
      return moveTo(state, 0);
    case 'last':
      return moveTo(state, state.profiles.length - 1);
    case 'add':
      return { ...state, mode: { kind: 'form', form: initialForm('add', undefined, state.profiles.length === 0) }, status: undefined, reveal: undefined };
    case 'edit': {
      const p = focusedProfile(state);
      if (!p) return state;
      return { ...state, mode: { kind: 'form', form: initialForm('edit', p, p.name === state.defaultName) }, status: undefined, reveal: undefined };
    }
    case 'form':
      return state.mode.kind === 'form' ? { ...state, mode: { kind: 'form', form: formReducer(state.mode.form, action.action) } } : state;
    case 'form-errors':
      return state.mode.kind === 'form'
        ? { ...state, mode: { kind: 'form', form: formReducer(state.mode.form, { type: 'errors', errors: action.errors }) } }
        : state;
    case 'form-close':
      return { ...state, mode: { kind: 'browse' } };
    case 'delete': {
      const p = focusedProfile(state);
      return p && state.mode.kind === 'browse' ? { ...state, mode: { kind: 'confirm-delete', name: p.name }, status: undefined } : state;
    }
    case 'delete-cancel':
      return { ...state, mode: { kind: 'browse' }, status: { role: 'muted', text: 'not deleted' } };
    case 'test-started':
      return { ...state, testing: action.name, status: { role: 'muted', text: `testing ${action.name}…` } };
    case 'test-done':
      return {
        ...state,
        testing: state.testing === action.name ? undefined : state.testing,
        status: { role: action.ok ? 'ok' : 'error', text: `${action.ok ? '✔' : '✖'} ${action.name}: ${action.message}` },
      };
    case 'reveal':
      return { ...state, reveal: { name: action.name, text: action.text } };
    case 'connecting':
      return {
        ...state,
        connecting: action.name,
        status: action.name ? { role: 'muted', text: `connecting to ${action.name}…` } : state.status,
      };
  }
}
