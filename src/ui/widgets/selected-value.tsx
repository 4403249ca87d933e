/**
 * A value opened selected (see state/editors/line-editor.ts): the first
 * printable key replaces it. Drawn in reverse video and said in words, since
 * a monochrome terminal may not show reverse video: the long hint where it
 * fits, else the short one, for which the value is cut (with `…`) if need be.
 */
import { Text } from './safe-text.js';
import { useTheme } from '../theme.js';
import { fit } from '../text.js';
import { printable } from '../../state/printable.js';

export const SELECTED_HINT = '  type to replace · ←→ to edit';
export const SELECTED_HINT_SHORT = '  typing replaces';

/** `text` selected in `width` columns; `pad` fills the rest with spaces. */
export function SelectedValue({ text, width, pad = false }: { text: string; width: number; pad?: boolean }) {
  const theme = useTheme();
  const length = Array.from(printable(text)).length;
  const hint = length + SELECTED_HINT.length <= width ? SELECTED_HINT : width - SELECTED_HINT_SHORT.length >= 6 ? SELECTED_HINT_SHORT : '';
  const shown = fit(text, Math.max(1, width - hint.length), false);
  return (
    <Text>
      <Text {...theme.selected}>{shown}</Text>
      <Text {...theme.muted}>{fit(hint, Math.max(0, width - Array.from(shown).length), pad)}</Text>
    </Text>
  );
}
