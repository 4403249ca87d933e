/** The field list of the form: section headers and one line per field. */
import { memo } from 'react';
import type { FormRow } from '../../../state/form-screen/form-view.js';
import type { LineEditor } from '../../../state/editors/line-editor.js';
import { visibleSlice } from '../../../state/editors/line-editor.js';
import { SECTIONS } from '../../../state/provider/descriptors.js';
import { useTheme } from '../../theme.js';
import { paint, Painted, Text } from '../../widgets/safe-text.js';
import { fit } from '../../text.js';
import { printable } from '../../../state/printable.js';
import { maskTyped } from '../../../state/typed-secret.js';

export interface RowProps {
  row: FormRow;
  focused: boolean;
  width: number;
  labelWidth: number;
  /** The inline editor, when this row is being edited. */
  editor?: { editor: LineEditor; secret: boolean };
}

export const FormRowView = memo(function FormRowView({ row, focused, width, labelWidth, editor }: RowProps) {
  const theme = useTheme();
  const sel = focused ? theme.selected : {};
  const marker = focused ? '› ' : '  ';
  if (row.type === 'section') {
    const n = SECTIONS.findIndex((s) => s.id === row.section) + 1;
    const notes = [
      row.dirtyCount ? `${row.dirtyCount} changed` : '',
      row.errorCount ? `${row.errorCount} error${row.errorCount === 1 ? '' : 's'}` : '',
      row.collapsed ? `${row.fieldCount} field${row.fieldCount === 1 ? '' : 's'} hidden` : '',
    ].filter(Boolean).join(', ');
    return (
      <Text wrap="truncate">
        <Text {...sel} {...theme.title}>{fit(`${marker}${row.collapsed ? '▸' : '▾'} ${n} ${row.title}`, Math.min(width, 34))}</Text>
        <Text {...(row.errorCount ? theme.error : row.dirtyCount ? theme.dirty : theme.muted)}>{fit(notes ? ` ${notes}` : '', Math.max(0, width - 34))}</Text>
      </Text>
    );
  }
  const dirty = row.type === 'field' && row.dirty;
  const error = row.type === 'field' ? row.error : undefined;
  const ro = row.readOnly;
  const valueWidth = valueWidthFor(width, labelWidth);
  // One styled string for the label part (see `paint`); only the line being edited needs nested nodes.
  const head = Painted.join([
    paint({ ...(focused ? theme.focus : {}), ...sel }, marker),
    paint({ ...(dirty ? theme.dirty : {}), ...sel }, dirty ? '*' : ' '),
    paint({ ...(ro ? theme.muted : {}), ...sel }, `${fit(row.label, labelWidth)} `),
  ]);
  if (editor) {
    return (
      <Text wrap="truncate">
        {head}
        <EditorText editor={editor.editor} secret={editor.secret} width={valueWidth} />
      </Text>
    );
  }
  const value = paint(error ? theme.error : ro ? theme.muted : {}, fit(`${error ? '✖ ' : ''}${row.display}${ro ? ' (read-only)' : ''}`, valueWidth));
  return <Text wrap="truncate">{Painted.join([head, value])}</Text>;
});

/** Columns left for a field's value after the marker, the dirty mark and the label. */
export function valueWidthFor(width: number, labelWidth: number): number {
  return Math.max(4, width - 3 - labelWidth - 1);
}

/**
 * A line being typed: the cursor is an inverse cell; secrets show as bullets. Monochrome terminals
 * may drop reverse video (NO_COLOR, TERM=dumb), so there the cursor is a `▏` drawn before the character.
 */
export function EditorText({ editor, secret, width }: { editor: LineEditor; secret: boolean; width: number }) {
  const theme = useTheme();
  const shown: LineEditor = secret ? { text: maskTyped(editor.text), cursor: editor.cursor } : editor;
  const { before, at, after } = visibleSlice(shown, theme.mono ? Math.max(1, width - 1) : width);
  if (theme.mono) return <Text {...theme.focus}>{`${before}▏${at === ' ' && !after ? '' : at}${after}`}</Text>;
  return (
    <Text>
      <Text {...theme.focus}>{printable(before)}</Text>
      <Text inverse>{printable(at)}</Text>
      <Text {...theme.focus}>{printable(after)}</Text>
    </Text>
  );
}
