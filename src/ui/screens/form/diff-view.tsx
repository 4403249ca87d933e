/** The save review (what the PUT changes) and the conflict view (what changed on the gateway). Secrets masked; values in full. */
import { Box } from 'ink';
import { Text } from '../../widgets/safe-text.js';
import { useMemo } from 'react';
import type { DiffEntry } from '../../../state/provider/diff.js';
import { diffDocLines, noteLines, type DocLine } from '../../../state/form-screen/diff-lines.js';
import { useTheme } from '../../theme.js';
import { ScrollDoc, type DocLineView } from '../../widgets/scroll-doc.js';
import { fit } from '../../text.js';

type Size = { current: { total: number; height: number } };

function toView(lines: readonly DocLine[]): DocLineView[] {
  return lines.map((l) => ({ text: l.text, role: l.kind === 'removed' ? 'error' : l.kind === 'added' ? 'ok' : l.kind === 'note' ? undefined : 'dirty' }));
}

export function ReviewView({ name, diff, overwrite, kept = [], height, width, top, size, push, create = false, keysSentBack }: {
  name: string; diff: readonly DiffEntry[]; overwrite: boolean; kept?: readonly string[]; height: number; width: number; top: number; size: Size;
  /** A push from another gateway: the title and the prompt say push. */
  push?: { from: string; to: string };
  /** Not on the gateway yet: the save creates it (one POST), and the review says so. */
  create?: boolean;
  /** v1.4: the PUT carries the provider's keys as the gateway has them (how many), and the review says so. */
  keysSentBack?: number;
}) {
  const theme = useTheme();
  const lines = useMemo(() => {
    // A secret someone else rotated is kept (never its old mask): said first, in full.
    const keptNote = kept.length ? noteLines(`Kept the gateway’s current secret: ${kept.join(', ')} (changed there; your copy only has its old mask).`, width).map((l) => ({ text: l.text, role: 'warn' as const })) : [];
    return [...keptNote, ...toView(diffDocLines(diff, width))];
  }, [diff, kept, width]);
  return (
    <Box flexDirection="column" height={height}>
      <Text {...theme.title} wrap="truncate-end">{fit(push
        ? `Review: push ${name} from ${push.from} to ${push.to}${create ? ', creating it there' : ''}: ${diff.length} field${diff.length === 1 ? '' : 's'}${create ? '' : ` change${diff.length === 1 ? 's' : ''}`}`
        : `Review: saving ${name} changes ${diff.length} field${diff.length === 1 ? '' : 's'} on the gateway${create ? ' (creates it)' : ''}`, width)}</Text>
      {overwrite ? <Text {...theme.warn} wrap="truncate-end">You chose to overwrite: the gateway’s recent changes below are reverted.</Text> : null}
      <ScrollDoc lines={lines} top={top} height={Math.max(1, height - (overwrite ? 3 : 2))} width={width} size={size} />
      <Text {...theme.muted} wrap="truncate-end">{fit(push
        ? `y pushes, Esc goes back · ${create ? `it is created on ${push.to} (POST; refused if the name appears there meanwhile)` : `the complete object is sent to ${push.to} (PUT); fields not listed go back unchanged`}`
        : create ? 'It is created with one POST (refused if the name appears there meanwhile). y saves, Esc goes back.'
          : `The complete object is sent (PUT)${keysSentBack === undefined ? '' : `, with its ${keysSentBack} key${keysSentBack === 1 ? '' : 's'} as the gateway has them`}; fields not listed go back unchanged. y saves, Esc goes back.`, width)}</Text>
    </Box>
  );
}

export function ConflictView({ name, changes, overlaps, height, width, top, size }: {
  name: string; changes: readonly DiffEntry[]; overlaps: readonly string[]; height: number; width: number; top: number; size: Size;
}) {
  const theme = useTheme();
  const lines = useMemo(() => {
    const note = overlaps.length ? `Both sides changed: ${overlaps.join('; ')}; re-apply keeps yours` : 'None of these is a field you edited: re-apply keeps both.';
    const notes = noteLines(note, width).map((l) => ({ text: l.text, role: overlaps.length ? ('error' as const) : ('muted' as const) }));
    return [...toView(diffDocLines(changes, width)), ...notes];
  }, [changes, overlaps, width]);
  return (
    <Box flexDirection="column" height={height}>
      <Text {...theme.warn} wrap="truncate-end">{fit(`⚠ ${name} changed on the gateway since you opened it (${changes.length} field${changes.length === 1 ? '' : 's'}):`, width)}</Text>
      <ScrollDoc lines={lines} top={top} height={Math.max(1, height - 2)} width={width} size={size} />
      <Text wrap="truncate-end">r reload and re-apply my edits · o overwrite with mine · Esc cancel</Text>
    </Box>
  );
}
