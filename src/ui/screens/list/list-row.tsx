/** One provider line. Memoised: a cursor move re-renders two rows, not the window. */
import { memo } from 'react';
import type { ListRow } from '../../../state/list/list-reducer.js';
import { useTheme, type RoleStyle } from '../../theme.js';
import { paint, Painted, Text } from '../../widgets/safe-text.js';
import { fit } from '../../text.js';
import type { Columns } from './columns.js';
import { rowCells } from './row-cells.js';

export interface ListRowProps {
  row: ListRow;
  focused: boolean;
  /** Its status changed in the last refresh: marked with • until the next one. */
  changed?: boolean;
  cols: Columns;
  /** Keys of this provider: a number, '·' while unknown, '' for none to show. */
  keys?: string;
}

export const ListRowView = memo(function ListRowView({ row, focused, changed = false, cols, keys = '' }: ListRowProps) {
  const theme = useTheme();
  const p = row.provider;
  const c = rowCells(row.name, p);
  const badge = c.status;
  const note = c.note;
  // One styled string per row (see `paint`): the focused row is drawn in reverse video as a whole.
  const cell = (style: RoleStyle, text: string): Painted => paint(focused ? { ...style, ...theme.selected } : style, text);
  const line = Painted.join([
    cell(focused ? theme.focus : {}, `${focused ? '›' : ' '}${changed ? '•' : ' '}`),
    cell(p ? {} : theme.muted, `${fit(c.name, cols.name)} `),
    cell(theme.muted, `${fit(c.kind, cols.kind)} `),
    cell(theme[badge.role], `${fit(note && !cols.note ? `${badge.text} ⚠` : badge.text, cols.status)} `),
    cell({}, `${fit(c.conc, cols.conc)} `),
    ...(cols.keys ? [cell({}, `${fit(keys, cols.keys)} `)] : []),
    ...(cols.url ? [cell({}, `${fit(c.url, cols.url)} `)] : []),
    ...(cols.note ? [cell(note ? theme[note.role] : {}, fit(note?.text ?? '', cols.note))] : []),
  ]);
  return <Text wrap="truncate">{line}</Text>;
});

/** The column titles: one text node, redrawn only when the columns change. */
export const ListHeaderRow = memo(function ListHeaderRow({ cols }: { cols: Columns }) {
  const theme = useTheme();
  const line =
    `  ${fit('NAME', cols.name)} ${fit('KIND', cols.kind)} ${fit('STATUS', cols.status)} ${fit('CONC/BUF', cols.conc)} ` +
    (cols.keys ? `${fit('KEYS', cols.keys)} ` : '') +
    (cols.url ? `${fit('BASE URL', cols.url)} ` : '') +
    (cols.note ? fit('NOTE', cols.note) : '');
  return (
    <Text {...theme.muted} wrap="truncate">
      {line}
    </Text>
  );
});
