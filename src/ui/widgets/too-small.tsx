/** Shown instead of any screen when the terminal is below the minimum size. */
import { Box } from 'ink';
import { Text } from './safe-text.js';

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 15;

/** `unsaved`: the count of edits a quit would leave behind; `asking`: q was pressed with edits. */
export function TooSmall({ columns, rows, unsaved = 0, asking = false }: { columns: number; rows: number; unsaved?: number; asking?: boolean }) {
  const line = `terminal too small (${columns}x${rows}, need ${MIN_COLUMNS}x${MIN_ROWS})`;
  const edits = `${unsaved} unsaved change${unsaved === 1 ? '' : 's'}`;
  const hint = asking
    ? `${edits}: quit anyway? y quits (the draft stays on disk) · n keeps editing`
    : unsaved ? `${edits}; resize to go on, or q to quit` : 'resize, or q to quit';
  return (
    <Box flexDirection="column" width={Math.max(1, columns)}>
      <Text bold wrap="wrap">{line}</Text>
      {rows > 2 ? <Text bold={asking} wrap="wrap">{hint}</Text> : null}
    </Box>
  );
}
