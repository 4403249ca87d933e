/** How a secret being typed is shown: one bullet per character (grapheme), so its length shows and nothing else. */
import { graphemes } from './editors/line-editor.js';

export function maskTyped(text: string): string {
  return '•'.repeat(graphemes(text).length);
}
