/** The `?` overlay: every binding of the current screen, from the keymap table. */
import { Box } from 'ink';
import { Text } from './safe-text.js';
import { helpSections, type Scope, type ShownFor } from '../keymap.js';
import { useTheme } from '../theme.js';
import { fit, wrapWords } from '../text.js';
import { clampTop, positionText } from './scroll-doc.js';

const SCOPE_TITLES: Record<Scope, string> = {
  keys: 'Provider keys',
  draftPrompt: 'Kept edits (draft) on open',
  leavePrompt: 'Leaving with unsaved edits',
  checkingPrompt: 'Checking the gateway before the review',
  pemPrompt: 'PEM field: a file path, a paste, or $EDITOR',
  lineEdit: 'Typing text (every text prompt)',
  mapEntry: 'Typing an entry',
  flagsFilter: 'Filtering request types',
  savingPrompt: 'While a save is in flight',
  keyInput: 'Typing a key field',
  keyForm: 'Key form',
  allowList: 'Model allow-list of a key',
  global: 'Everywhere', list: 'Provider list', form: 'Form', edit: 'Editing a field', map: 'Key/value and list editor',
  flags: 'Allowed requests', diff: 'Review', conflict: 'Conflict', confirm: 'Confirm', profiles: 'Profiles',
  profileForm: 'Profile form and first-run setup', setup: 'First-run setup', keyPrompt: 'API key', fleet: 'Fleet', fleetCell: 'Fleet: field diff', help: 'Help',
  writeReview: 'Review of a write (delete, restore, whole edit)', writeConflict: 'Changed on the gateway meanwhile', writeDone: 'After a write',
  history: 'Saved versions (history)', wholeEdit: 'Whole-provider edit in $EDITOR', newProvider: 'New provider', newProviderBase: 'New custom provider: its base type', newProviderKnown: 'New provider: a name with saved versions',
};

export interface HelpOverlayProps {
  scopes: readonly Scope[];
  width: number;
  height: number;
  /** First line shown (scroll). */
  offset?: number;
  /** Told how many lines there are and how many fit, for the scroll keys. */
  size?: { current: { total: number; height: number } };
  /** A read-only profile: the keys that save or write are left out. */
  readOnly?: boolean;
}

/** Lines of the help text, so the caller can scroll (`shown.readOnly`: without the keys that save). */
export function helpLines(scopes: readonly Scope[], shown: ShownFor = {}): Array<{ title?: string; keys?: string; help?: string }> {
  const lines: Array<{ title?: string; keys?: string; help?: string }> = [];
  for (const section of helpSections(scopes, undefined, shown)) {
    if (section.rows.length === 0) continue;
    lines.push({ title: SCOPE_TITLES[section.scope] });
    for (const r of section.rows) lines.push({ keys: r.keys, help: r.help });
  }
  return lines;
}

/**
 * The help as drawn in `width` columns: a help text too long for its line wraps onto the next ones
 * (under the help column), so nothing is cut.
 */
export function wrappedHelpLines(scopes: readonly Scope[], width: number, keyWidth: number, shown: ShownFor = {}): Array<{ title?: string; keys?: string; help?: string }> {
  const out: Array<{ title?: string; keys?: string; help?: string }> = [];
  for (const l of helpLines(scopes, shown)) {
    if (l.title !== undefined) out.push(l);
    else {
      const pieces = wrapWords(l.help ?? '', Math.max(8, width - keyWidth));
      (pieces.length ? pieces : ['']).forEach((help, i) => out.push({ keys: i === 0 ? l.keys : '', help }));
    }
  }
  return out;
}

export function HelpOverlay({ scopes, width, height, offset = 0, size, readOnly = false }: HelpOverlayProps) {
  const theme = useTheme();
  const keyWidth = Math.min(24, Math.floor(width / 3));
  const all = wrappedHelpLines(scopes, width, keyWidth, { readOnly });
  // One line shows the position when the help does not fit.
  const fits = all.length <= height;
  const room = fits ? height : Math.max(1, height - 1);
  if (size) size.current = { total: all.length, height: room };
  const top = clampTop(offset, all.length, room);
  const lines = all.slice(top, top + room);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {lines.map((l, i) =>
        l.title ? (
          <Text key={i} {...theme.title}>{fit(l.title, width)}</Text>
        ) : (
          <Text key={i}>
            <Text {...theme.key}>{fit(`  ${l.keys}`, keyWidth)}</Text>
            <Text>{fit(l.help ?? '', width - keyWidth)}</Text>
          </Text>
        ),
      )}
      {fits ? null : <Text {...theme.muted}>{fit(`  ${positionText(top, lines.length, all.length)}`, width)}</Text>}
    </Box>
  );
}
