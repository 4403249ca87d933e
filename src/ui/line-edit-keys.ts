/**
 * Keys that edit a line of text (keymap `lineEdit`): the app's root handler asks it
 * while a field is typed, the forms and prompts to edit. Its own module, so the
 * app's start does not evaluate the provider form's key handling (and, behind it,
 * the write rules) before the form is shown.
 */
import type { Key } from 'ink';
import type { LineEdit } from '../state/editors/line-editor.js';
import { commandFor } from './keymap.js';

/** A line-editing key (keymap `lineEdit` scope) as an edit; undefined when the key is not one. */
export function lineEditFor(input: string, key: Key): LineEdit | undefined {
  switch (commandFor(['lineEdit'], input, key)) {
    case 'left': return { type: 'left' };
    case 'right': return { type: 'right' };
    case 'home': return { type: 'home' };
    case 'end': return { type: 'end' };
    case 'clearBefore': return { type: 'clear-before' };
    case 'deleteWord': return { type: 'delete-word' };
    // Backspace decodes as backspace; a forward Delete (ESC[3~) arrives as delete only.
    case 'backspace': return key.backspace ? { type: 'backspace' } : { type: 'delete' };
  }
  if (input && !key.ctrl && !key.meta && !key.escape && !key.return && !key.tab) return { type: 'insert', text: input };
  return undefined;
}
