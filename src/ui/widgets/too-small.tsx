/** Shown instead of any screen when the terminal is below the minimum size. */
import { Box } from 'ink';
import { Text } from './safe-text.js';

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 15;

/**
 * `unsaved`: the count of edits a quit would leave behind; `asking`: q was pressed with edits;
 * `typing`: a field is being typed into (the keys go on into it).
 */
export function TooSmall({ columns, rows, unsaved = 0, asking = false, typing = false }: { columns: number; rows: number; unsaved?: number; asking?: boolean; typing?: boolean }) {
  const line = `terminal too small (${columns}x${rows}, need ${MIN_COLUMNS}x${MIN_ROWS})`;
  const edits = unsaved ? `${unsaved} unsaved change${unsaved === 1 ? '' : 's'}` : 'a value being typed';
  const hint = asking
    ? `${edits}: quit anyway? y quits (the draft stays on disk) · n keeps editing`
    : typing ? 'typing goes on into the field; resize to see it, or ^C to quit' : unsaved ? `${edits}; resize to go on, or q to quit` : 'resize, or q to quit';
  return (
    <Box flexDirection="column" width={Math.max(1, columns)}>
      <Text bold wrap="wrap">{line}</Text>
      {rows > 2 ? <Text bold={asking} wrap="wrap">{hint}</Text> : null}
    </Box>
  );
}
