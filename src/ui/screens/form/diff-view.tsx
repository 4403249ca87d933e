/** The save review (what the PUT changes) and the conflict view (what changed on the gateway). Secrets masked. */
import { Box, Text } from 'ink';
import { formatDiffEntry, type DiffEntry } from '../../../state/form/diff.js';
import { useTheme } from '../../theme.js';
import { fit } from '../../text.js';

export function DiffLines({ entries, height, width, scroll = 0 }: { entries: readonly DiffEntry[]; height: number; width: number; scroll?: number }) {
  const theme = useTheme();
  const top = Math.max(0, Math.min(scroll, entries.length - height));
  const shown = entries.slice(top, top + height);
  return (
    <Box flexDirection="column" height={height}>
      {shown.map((e) => (
        <Text key={e.path} {...(e.kind === 'removed' ? theme.error : e.kind === 'added' ? theme.ok : theme.dirty)} wrap="truncate">
          {fit(`  ${formatDiffEntry(e)}`, width)}
        </Text>
      ))}
      {entries.length > top + height ? <Text {...theme.muted}>{`  … ${entries.length - top - height} more (j/k scroll)`}</Text> : null}
    </Box>
  );
}

export function ReviewView({ name, diff, scroll, overwrite, kept = [], height, width }: { name: string; diff: readonly DiffEntry[]; scroll: number; overwrite: boolean; kept?: readonly string[]; height: number; width: number }) {
  const theme = useTheme();
  const notes = (overwrite ? 1 : 0) + (kept.length ? 1 : 0);
  return (
    <Box flexDirection="column" height={height}>
      <Text {...theme.title}>{fit(`Review: saving ${name} changes ${diff.length} field${diff.length === 1 ? '' : 's'} on the gateway`, width)}</Text>
      {overwrite ? <Text {...theme.warn}>{fit('You chose to overwrite: the gateway’s recent changes below are reverted.', width)}</Text> : null}
      {kept.length ? <Text {...theme.warn}>{fit(`Kept the gateway’s current secret: ${kept.join(', ')} (changed there; your copy only has its old mask).`, width)}</Text> : null}
      <DiffLines entries={diff} height={Math.max(1, height - 2 - notes)} width={width} scroll={scroll} />
      <Text {...theme.muted}>{fit('The complete object is sent (PUT); fields not listed go back unchanged. y saves, Esc goes back.', width)}</Text>
    </Box>
  );
}

export function ConflictView({ name, changes, overlaps, height, width }: { name: string; changes: readonly DiffEntry[]; overlaps: readonly string[]; height: number; width: number }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" height={height}>
      <Text {...theme.warn}>{fit(`⚠ ${name} changed on the gateway since you opened it (${changes.length} field${changes.length === 1 ? '' : 's'}):`, width)}</Text>
      <DiffLines entries={changes} height={Math.max(1, height - 4)} width={width} />
      <Text {...(overlaps.length ? theme.error : theme.muted)} wrap="truncate">
        {fit(overlaps.length ? `Both sides changed: ${overlaps.join('; ')}; re-apply keeps yours` : 'None of these is a field you edited: re-apply keeps both.', width)}
      </Text>
      <Text wrap="truncate">{fit('r reload and re-apply my edits · o overwrite with mine · Esc cancel', width)}</Text>
    </Box>
  );
}
