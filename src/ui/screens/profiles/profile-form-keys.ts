/** Maps a key to what the profile form does with it, for the profiles editor and the setup screen alike. */
import type { Key } from 'ink';
import { acceptsText, focusedProfileField, visibleFields, type FormAction, type ProfileFormState } from '../../../state/profiles/profile-form.js';
import { commandFor, type Scope } from '../../keymap.js';

export type FormKeyResult =
  | { action: FormAction }
  | { command: 'save' | 'cancel' | 'forceQuit' | 'help' }
  | undefined;

/** A key that is text (a character or a pasted run), not a command. */
export function isPrintable(input: string, key: Key): boolean {
  return input.length > 0 && !key.ctrl && !key.meta && !key.escape && !/[\x00-\x1f\x7f]/.test(input);
}

/** `scopes`: where the commands are looked up (the first-run setup puts its own `setup` keys in front). */
export function formKey(input: string, key: Key, form: ProfileFormState, scopes: readonly Scope[] = ['profileForm', 'global']): FormKeyResult {
  const text = acceptsText(form);
  if (text && isPrintable(input, key)) return { action: { type: 'type', text: input } };
  if (text && (key.backspace || key.delete)) return { action: { type: 'backspace' } };
  switch (commandFor(scopes, input, key)) {
    case 'next': return { action: { type: 'move', delta: 1 } };
    case 'prev': return { action: { type: 'move', delta: -1 } };
    case 'change': return focusedProfileField(form).kind === 'text' ? undefined : { action: { type: 'cycle', delta: 1 } };
    case 'changeBack': return focusedProfileField(form).kind === 'text' ? undefined : { action: { type: 'cycle', delta: -1 } };
    case 'clear': return { action: { type: 'clear' } };
    case 'enter': {
      const last = form.focus >= visibleFields(form).length - 1;
      return last ? { command: 'save' } : { action: { type: 'move', delta: 1 } };
    }
    case 'save': return { command: 'save' };
    case 'cancel': return { command: 'cancel' };
    case 'forceQuit': return { command: 'forceQuit' };
    case 'help': return { command: 'help' };
    default: return undefined;
  }
}
