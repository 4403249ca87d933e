/** The provider list: header, table window, detail pane, footer. */
import { Box } from 'ink';
import { Text } from '../../widgets/safe-text.js';
import { useEffect, useMemo } from 'react';
import { focusedRow, windowRows, type ListAction, type ListRow, type ListState } from '../../../state/list/list-reducer.js';
import { getOwn } from '../../../api/json-limits.js';
import { cursorMoveFor } from '../../../state/cursor-window.js';
import { commandFor } from '../../keymap.js';
import { useKeyHandler } from '../../key-router.js';
import type { Services } from '../../services.js';
import { useTheme } from '../../theme.js';
import { ageText, fit } from '../../text.js';
import { Header } from '../../widgets/header.js';
import { Footer } from '../../widgets/footer.js';
import { columnNeeds, columnsFor } from './columns.js';
import { ListHeaderRow, ListRowView } from './list-row.js';
import { useKeyCounts } from './use-key-counts.js';
import { DetailPane } from './detail-pane.js';

/** Lines around the table: header, column titles, two detail lines, footer, one spare (never fill the last line). */
export const LIST_CHROME_ROWS = 6;

export interface ListScreenProps {
  services: Services;
  state: ListState;
  dispatch: (action: ListAction) => void;
  /** The state as of the last key handled (may be ahead of `state`). */
  getState: () => ListState;
  reload: () => void;
  width: number;
  height: number;
  onOpen: (name: string) => void;
  /** `y`: the focused provider's keys. */
  onKeys?: (name: string) => void;
  onQuit: () => void;
  onHelp: () => void;
  onProfiles?: () => void;
  /** Opens the fleet screen (every provider across every profile). */
  onFleet?: () => void;
  /** K after a 401/403: enter a key. */
  onAuthKey?: () => void;
  /** `e`, `d`, `H` on a configured provider: the whole-object edit, the delete, the saved versions. */
  onWholeEdit?: (name: string) => void;
  onDelete?: (name: string) => void;
  onHistory?: (name: string) => void;
  /** `n`: a new provider (built-in or custom). */
  onNew?: () => void;
  /** False while an overlay owns the keyboard. */
  active: boolean;
  /** Re-render tick for the refresh age. */
  now: number;
  /** When the gateway last answered (also with an unchanged list). */
  confirmedAt?: number;
}

export function ListScreen(props: ListScreenProps) {
  const { state, dispatch, width, height, active } = props;
  const theme = useTheme();
  const viewport = Math.max(1, height - LIST_CHROME_ROWS);
  useEffect(() => dispatch({ type: 'viewport', height: viewport }), [viewport, dispatch]);
  useKeyCounts(props.services, state, dispatch);

  useKeyHandler(
    (input, key) => {
      const state = props.getState();
      if (state.filterEditing) {
        if (key.escape) dispatch({ type: 'filter-clear' });
        else if (key.return || key.downArrow || key.upArrow) {
          dispatch({ type: 'filter-accept' });
          if (key.downArrow) dispatch({ type: 'move', delta: 1 });
        } else if (key.backspace || key.delete) dispatch({ type: 'filter-change', text: state.filter.slice(0, -1) });
        else if (key.ctrl && input === 'u') dispatch({ type: 'filter-change', text: '' });
        else if (input && !key.ctrl && !key.meta) dispatch({ type: 'filter-change', text: state.filter + input.replace(/[\r\n]/g, '') });
        return;
      }
      const command = commandFor(['list', 'global'], input, key);
      const move = cursorMoveFor(command);
      if (move) return dispatch(move);
      switch (command) {
        case 'filter': return dispatch({ type: 'filter-start' });
        case 'clearFilter': return state.filter ? dispatch({ type: 'filter-clear' }) : undefined;
        case 'toggleUnconfigured': return dispatch({ type: 'toggle-unconfigured' });
        case 'sort': return dispatch({ type: 'sort' });
        case 'reverseSort': return dispatch({ type: 'sort', reverse: true });
        case 'refresh': return props.reload();
        case 'help': return props.onHelp();
        case 'profiles': return props.onProfiles?.();
        case 'fleet': return props.onFleet?.();
        case 'authKey': return props.onAuthKey?.();
        case 'quit': case 'forceQuit': return props.onQuit();
        case 'open': {
          const row = focusedRow(state);
          if (row) props.onOpen(row.name);
          return;
        }
        case 'keys': {
          const row = focusedRow(state);
          if (row?.provider) props.onKeys?.(row.name);
          return;
        }
        case 'wholeEdit':
        case 'delete': {
          // Only a provider the gateway has (a built-in not configured yet opens with Enter).
          const row = focusedRow(state);
          if (row?.provider) (command === 'delete' ? props.onDelete : props.onWholeEdit)?.(row.name);
          return;
        }
        case 'newProvider': return props.onNew?.();
        case 'history': {
          const row = focusedRow(state);
          if (row) props.onHistory?.(row.name);
          return;
        }
      }
    },
    active,
    { acceptsText: () => props.getState().filterEditing },
  );

  // Stable between renders so the memoised rows skip re-rendering on a cursor move.
  const needs = useMemo(() => columnNeeds(state.providers), [state.providers]);
  const cols = useMemo(() => columnsFor(width, needs), [width, needs]);
  const rows = windowRows(state);
  const { right, rightShort } = headerStatus(state, props.now, props.confirmedAt);
  const position = listPosition(state);

  return (
    <Box flexDirection="column" width={width} height={height - 1}>
      <Header connection={props.services.session.connection} width={width} right={right} rightShort={rightShort} />
      <ListHeaderRow cols={cols} sort={state.sort} position={position} width={width} />
      <Box flexDirection="column" height={viewport}>
        <Body state={state} viewport={viewport} width={width} rows={rows} cols={cols} />
      </Box>
      <DetailPane state={state} width={width} />
      {state.filterEditing || state.filter ? (
        <Text wrap="truncate">
          <Text {...theme.key}>/</Text>
          <Text>{fit(state.filter, Math.max(1, width - 30), false)}</Text>
          {state.filterEditing ? <Text {...theme.focus}>▏</Text> : null}
          <Text {...theme.muted}>
            {`  ${state.rows.length} match${state.rows.length === 1 ? '' : 'es'}  `}
            {state.filterEditing ? 'Enter keep · Esc clear' : 'Esc clears'}
          </Text>
        </Text>
      ) : (
        <Footer scopes={['list', 'global']} width={width} />
      )}
    </Box>
  );
}

/** Where the cursor is among the rows shown (`12/306`; `0/0` with none); empty while nothing is loaded. */
export function listPosition(state: ListState): string {
  if (state.phase !== 'ready') return '';
  return `${state.rows.length === 0 ? 0 : state.cursor + 1}/${state.rows.length}`;
}

/** Right side of the header: count, data age, the activity mark, a failing refresh; and a short form. */
export function headerStatus(state: ListState, now: number, confirmedAt?: number): { right: string; rightShort: string } {
  if (state.phase === 'loading') return { right: 'loading…', rightShort: 'loading…' };
  if (state.phase === 'error') return { right: 'not loaded', rightShort: 'not loaded' };
  const configured = `${state.providers.length} configured`;
  const mark = state.activity || state.refreshing ? ' ↻' : '';
  const seen = Math.max(state.loadedAt ?? 0, confirmedAt ?? 0);
  const problem = state.refreshProblem ? ` · ⚠ refresh failed, retry in ${state.refreshProblem.retryInSeconds}s` : '';
  const changed = state.changed.size ? ` · • ${state.changed.size} changed status` : '';
  const age = state.refreshing ? 'refreshing…' : `refreshed ${ageText(seen, now)}`;
  return {
    right: `${configured}${changed} · ${age}${mark}${problem}`,
    rightShort: `${configured}${mark}${state.refreshProblem ? ' ⚠ refresh failed' : ''}`,
  };
}

function Body({ state, viewport, width, rows, cols }: { state: ListState; viewport: number; width: number; rows: ReturnType<typeof windowRows>; cols: ReturnType<typeof columnsFor> }) {
  const theme = useTheme();
  if (state.phase === 'loading') return <Text {...theme.muted}>  Loading providers…</Text>;
  if (state.phase === 'error') return <Text {...theme.muted}>  No data. Press r to retry.</Text>;
  if (state.rows.length === 0) {
    const msg = state.filter
      ? `  No provider matches "${state.filter}". Esc clears the filter.`
      : '  The gateway has no providers configured. Press a to show the built-ins you can set up.';
    return <Text {...theme.muted}>{fit(msg, width)}</Text>;
  }
  return (
    <>
      {rows.map((row, i) => (
        <ListRowView key={row.name} row={row} focused={state.scrollTop + i === state.cursor} changed={state.changed.has(row.name)} cols={cols} keys={keysCell(state, row)} />
      ))}
      {rows.length < viewport ? null : null}
    </>
  );
}

/** The KEYS cell: the count, `·` while not known yet, nothing for unconfigured built-ins. */
function keysCell(state: ListState, row: ListRow): string {
  if (!row.provider) return '';
  const n = getOwn(state.keyCounts, row.name) as number | undefined;
  return n === undefined ? '·' : String(n);
}
