/** Two lines under the table: the load error, or the focused provider's status text in full. */
import { Box } from 'ink';
import { Text } from '../../widgets/safe-text.js';
import { focusedRow, type ListState } from '../../../state/list/list-reducer.js';
import { kindText } from '../../../state/provider/provider-catalog.js';
import { useTheme } from '../../theme.js';
import { fit, wrapWords } from '../../text.js';
import { asksForSetupToken } from '../../../state/profiles/key-prompt-reducer.js';

/**
 * Exactly two lines, each cut to the width here: no box clips them, so Ink does not slice every line of
 * the pane on every frame (npm run bench: ~0.3 ms of each cursor move went to that).
 */
export function DetailPane({ state, width }: { state: ListState; width: number }) {
  const theme = useTheme();
  const lines = detailLines(state).flatMap((l) => (l.wrap ? wrapWords(l.text, width, 2).map((text) => ({ ...l, text })) : [l]));
  return (
    <Box flexDirection="column" height={2}>
      {lines.slice(0, 2).map((l, i) => (
        <Text key={i} {...(l.role ? theme[l.role] : {})} wrap="truncate">{fit(l.text, width)}</Text>
      ))}
    </Box>
  );
}

type Line = { text: string; role?: 'error' | 'warn' | 'muted'; wrap?: boolean };

/** Error first (it explains the screen), else the focused provider. */
export function detailLines(state: ListState): Line[] {
  if (state.error) {
    const hint =
      state.error.kind === 'auth' && asksForSetupToken(state.error.message)
        ? 'K enters the setup token (or BIFROST_SETUP_TOKEN / --setup-token-env NAME); P edits the profile; r retries.'
        : state.error.kind === 'auth'
        ? 'K enters a key (or --api-key KEY / BIFROST_API_KEY); P edits the profile; r retries.'
        : state.error.kind === 'network'
          ? 'Check the URL and that the gateway is running. r retries.'
          : 'r retries.';
    return [{ text: `✖ ${state.error.message}`, role: 'error' }, { text: hint, role: 'muted' }];
  }
  if (state.refreshProblem) {
    return [{ text: `⚠ background refresh failed: ${state.refreshProblem.message}`, role: 'warn' }, { text: `showing the last good list; next try in ${state.refreshProblem.retryInSeconds}s (r now)`, role: 'muted' }];
  }
  const row = focusedRow(state);
  if (!row) return [{ text: '' }, { text: '' }];
  const p = row.provider;
  if (!p) return [{ text: `${row.name}: built-in, not configured on this gateway. Enter to set it up.`, role: 'muted' }, { text: '' }];
  const proxy = p.proxyType && p.proxyType !== 'none' ? ` · proxy ${p.proxyType}` : '';
  const summary = `${p.name} · ${kindText(p.name, p.custom, p.baseType)} · ${p.providerStatus ?? 'unknown'}${proxy}`;
  if (p.status || p.description) {
    // The gateway's text matters more than the summary (which the row repeats): give it both lines.
    return [{ text: `⚠ ${p.name}: ${[p.status, p.description].filter(Boolean).join(': ')}`, role: 'warn', wrap: true }];
  }
  return [{ text: summary }, { text: '' }];
}
