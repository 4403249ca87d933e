/** One provider line. Memoised: a cursor move re-renders two rows, not the window. */
import { memo } from 'react';
import { Text } from 'ink';
import type { ListRow } from '../../../state/list/list-reducer.js';
import { baseUrlText, concurrencyText, noteBadge, statusBadge } from '../../../state/list/badges.js';
import { providerKind } from '../../../state/provider-catalog.js';
import { useTheme } from '../../theme.js';
import { fit } from '../../text.js';
import type { Columns } from './columns.js';

export interface ListRowProps {
  row: ListRow;
  focused: boolean;
  cols: Columns;
}

export const ListRowView = memo(function ListRowView({ row, focused, cols }: ListRowProps) {
  const theme = useTheme();
  const p = row.provider;
  const badge = statusBadge(p);
  const note = noteBadge(p);
  const line = focused ? theme.selected : {};
  return (
    <Text wrap="truncate">
      <Text {...line} {...(focused ? theme.focus : {})}>{focused ? '› ' : '  '}</Text>
      <Text {...line} {...(p ? {} : theme.muted)}>{fit(row.name, cols.name)} </Text>
      <Text {...line} {...theme.muted}>{fit(p ? providerKind(p) : 'built-in', cols.kind)} </Text>
      <Text {...line} {...theme[badge.role]}>{fit(note && !cols.note ? `${badge.text} ⚠` : badge.text, cols.status)} </Text>
      <Text {...line}>{fit(concurrencyText(p), cols.conc)} </Text>
      {cols.url ? <Text {...line}>{fit(baseUrlText(p), cols.url)} </Text> : null}
      {cols.note ? <Text {...line} {...(note ? theme[note.role] : {})}>{fit(note?.text ?? '', cols.note)}</Text> : null}
    </Text>
  );
});

export function ListHeaderRow({ cols }: { cols: Columns }) {
  const theme = useTheme();
  return (
    <Text {...theme.muted} wrap="truncate">
      {'  '}
      {fit('NAME', cols.name)} {fit('KIND', cols.kind)} {fit('STATUS', cols.status)} {fit('CONC/BUF', cols.conc)}{' '}
      {cols.url ? `${fit('BASE URL', cols.url)} ` : ''}
      {cols.note ? fit('NOTE', cols.note) : ''}
    </Text>
  );
}
