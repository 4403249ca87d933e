/** The 401/403 key prompt: a masked key, a check against the gateway, then an offer to store it in the profile. Pure. */
import { maskTyped } from '../typed-secret.js';
import { graphemes } from '../editors/line-editor.js';

export interface KeyPromptState {
  /** The key as typed. Never rendered: see maskedKey(). */
  value: string;
  phase: 'typing' | 'checking' | 'offer-store' | 'storing';
  message?: { role: 'ok' | 'error' | 'muted'; text: string };
}

export type KeyPromptAction =
  | { type: 'type'; text: string }
  | { type: 'backspace' }
  | { type: 'clear' }
  | { type: 'check-started' }
  | { type: 'check-failed'; message: string }
  | { type: 'offer-store'; message: string }
  | { type: 'storing' }
  | { type: 'store-failed'; message: string };

/** A 401/403 that asks for a gateway's setup token (a v2.2.6 gateway locked until its first admin is set up), not for a key. */
export function asksForSetupToken(message: string): boolean {
  return /setup token/i.test(message);
}

export function initialKeyPrompt(): KeyPromptState {
  return { value: '', phase: 'typing' };
}

/** One bullet per character typed. */
export function maskedKey(state: KeyPromptState): string {
  return maskTyped(state.value);
}

export function keyPromptReducer(state: KeyPromptState, action: KeyPromptAction): KeyPromptState {
  switch (action.type) {
    case 'type': {
      const text = action.text.replace(/[\r\n\t]/g, '');
      return state.phase === 'typing' && text ? { ...state, value: state.value + text, message: undefined } : state;
    }
    case 'backspace':
      return state.phase === 'typing' ? { ...state, value: graphemes(state.value).slice(0, -1).join('') } : state;
    case 'clear':
      return state.phase === 'typing' ? { ...state, value: '' } : state;
    case 'check-started':
      return { ...state, phase: 'checking', message: { role: 'muted', text: 'checking the key…' } };
    case 'check-failed':
      return { ...state, phase: 'typing', message: { role: 'error', text: `✖ ${action.message}` } };
    case 'offer-store':
      return { ...state, phase: 'offer-store', message: { role: 'ok', text: action.message } };
    case 'storing':
      return { ...state, phase: 'storing' };
    case 'store-failed':
      return { ...state, phase: 'offer-store', message: { role: 'error', text: `✖ ${action.message}` } };
  }
}
