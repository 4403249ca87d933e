/** Shown instead of any screen when the terminal is below the minimum size. */
import { Box, Text } from 'ink';

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 15;

export function TooSmall({ columns, rows }: { columns: number; rows: number }) {
  const line = `terminal too small (${columns}x${rows}, need ${MIN_COLUMNS}x${MIN_ROWS})`;
  return (
    <Box flexDirection="column">
      <Text bold>{line.slice(0, Math.max(1, columns))}</Text>
      {rows > 2 ? <Text>{'resize, or q to quit'.slice(0, Math.max(1, columns))}</Text> : null}
    </Box>
  );
}
