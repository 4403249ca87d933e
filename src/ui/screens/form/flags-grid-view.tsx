/** The allowed_requests grid: N/M count, the upstream meaning, toggles in columns. */
import { Box } from 'ink';
import { Text } from '../../widgets/safe-text.js';
import { count, describe, isAllowed, isUnknownFlag } from '../../../state/provider/allowed-requests.js';
import { visibleFlags, type FlagsGridState } from '../../../state/form-screen/flags-grid.js';
import { useTheme } from '../../theme.js';
import { fit } from '../../text.js';
import { EditorText } from './form-rows.js';

/** Columns of the grid for a width (the screen needs it to move up/down by a row). */
export function gridColumns(width: number): number {
  return Math.max(1, Math.floor(width / 30));
}

export function FlagsGridView({ grid, height, width }: { grid: FlagsGridState; height: number; width: number }) {
  const theme = useTheme();
  const names = visibleFlags(grid);
  const cols = gridColumns(width);
  const cellWidth = Math.floor(width / cols);
  const view = Math.max(1, height - 4);
  const cursorRow = Math.floor(grid.cursor / cols);
  const totalRows = Math.ceil(names.length / cols);
  const top = Math.max(0, Math.min(cursorRow - Math.floor(view / 2), totalRows - view));
  const lines = Array.from({ length: Math.min(view, totalRows) }, (_, r) => r + top);
  const c = count(grid.model, names);
  return (
    <Box flexDirection="column" height={height}>
      <Text wrap="truncate">
        <Text {...theme.title}>Allowed requests </Text>
        <Text {...(grid.model.mode === 'all' ? theme.ok : theme.warn)}>{c.text}</Text>
        {grid.filter.text || grid.filterEditing ? <Text {...theme.muted}>{'  filter: '}</Text> : null}
        {grid.filterEditing ? <EditorText editor={grid.filter} secret={false} width={20} /> : <Text>{grid.filter.text}</Text>}
      </Text>
      <Box height={2} overflow="hidden">
        <Text {...theme.muted} wrap="wrap">{describe(grid.model)}</Text>
      </Box>
      {lines.map((r) => (
        <Text key={r} wrap="truncate">
          {names.slice(r * cols, r * cols + cols).map((flag, i) => {
            const idx = r * cols + i;
            const on = isAllowed(grid.model, flag);
            const focused = idx === grid.cursor;
            return (
              // The › marks the focused cell also where reverse video is not shown (monochrome terminals).
              <Text key={flag} {...(focused ? theme.selected : {})}>
                <Text {...(focused ? theme.focus : {})}>{focused ? '›' : ' '}</Text>
                <Text {...(on ? theme.ok : theme.muted)}>{on ? '[x] ' : '[ ] '}</Text>
                <Text>{fit(`${flag}${isUnknownFlag(flag) ? ' (new)' : ''}`, cellWidth - 5)}</Text>
              </Text>
            );
          })}
        </Text>
      ))}
      {names.length === 0 ? <Text {...theme.muted}>  no request type matches the filter</Text> : null}
    </Box>
  );
}
