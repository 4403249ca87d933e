/**
 * The fleet screen: providers x gateways, `=` / `≈` / `≠ N` / `-` / `?` cells filling in as gateways answer.
 * Columns are as wide as the names need (about five at 80 columns) and scroll sideways; the focused cell is
 * bracketed (`[≠ 3]`), which every colour mode shows, and the line under the grid names its gateway in full.
 */
import { Box } from 'ink';
import { useEffect, useMemo } from 'react';
import { Text } from '../../widgets/safe-text.js';
import { cellText, type FleetCell, type FleetRow } from '../../../state/fleet/fleet-compare.js';
import { cellFields, fleetReducer, initialFleetState, layoutOf, reviewLines, type FleetState } from '../../../state/fleet/fleet-reducer.js';
import { fallbackReason, gridWidths, type FleetLayout } from '../../../state/fleet/fleet-layout.js';
import { formatDiffValue } from '../../../state/provider/diff.js';
import { commandFor } from '../../keymap.js';
import { moveDelta } from '../../../state/cursor-window.js';
import { yesNoQuestion } from '../../../state/yes-no.js';
import { useKeyHandler } from '../../key-router.js';
import type { Services, Session } from '../../services.js';
import { useTheme } from '../../theme.js';
import { fit } from '../../text.js';
import { useSyncReducer } from '../../use-sync-reducer.js';
import { Footer } from '../../widgets/footer.js';
import { Header } from '../../widgets/header.js';
import type { FormPush } from '../form/form-screen.js';
import { useFleetController } from './use-fleet-controller.js';

export interface FleetScreenProps {
  services: Services;
  width: number;
  height: number;
  active: boolean;
  onBack: () => void;
  onQuit: () => void;
  onHelp: (cell: boolean) => void;
  /** Opens the target's form with the pushed edits (its review and conflict screens do the save). */
  onPush: (session: Session, name: string, push: FormPush) => void;
  /** The column order and baseline the user chose last (kept while the app runs). */
  layout?: FleetLayout;
  onLayout?: (layout: FleetLayout) => void;
}

/** Rows besides the grid's: header, legend, column names, the focus line, message, footer. */
const CHROME = 6;
/** What a row compares with when that is not the baseline (the baseline lacks it or cannot be read). */
const FALLBACK = '◆';

export function FleetScreen(props: FleetScreenProps) {
  const { services, width, height, onLayout } = props;
  const [state, dispatch, getState] = useSyncReducer(fleetReducer, () => initialFleetState);
  const ctl = useFleetController(services, dispatch, getState, props.layout);
  const longestRow = useMemo(() => state.rows.slice(0, 5000).reduce((m, r) => Math.max(m, Array.from(r.name).length), 0), [state.rows]);
  const widths = gridWidths(width, state.columns.map((c) => c.profile), longestRow);
  useEffect(() => dispatch({ type: 'viewport', columns: widths.visible }), [widths.visible, dispatch]);
  const layoutKey = JSON.stringify(layoutOf(state));
  useEffect(() => {
    if (getState().columns.length > 0) onLayout?.(layoutOf(getState()));
  }, [layoutKey, onLayout, getState]);

  useKeyHandler((input, key) => {
    const s = getState();
    if (s.review) {
      const answer = commandFor(['confirm', 'global'], input, key);
      if (answer === 'yes') return ctl.confirm();
      if (answer === 'no') return dispatch({ type: 'reviewClosed' });
      if (answer === 'forceQuit') return props.onQuit();
      return;
    }
    const scope = s.cell ? 'fleetCell' : 'fleet';
    const command = commandFor([scope, 'global'], input, key);
    const rows = moveDelta(command, height - CHROME - 1);
    if (rows !== undefined) return dispatch({ type: 'move', rows });
    switch (command) {
      case 'left': return dispatch({ type: 'move', cols: -1 });
      case 'right': return dispatch({ type: 'move', cols: 1 });
      case 'baseline': return dispatch({ type: 'baseline' });
      case 'moveColumnLeft': return dispatch({ type: 'moveColumn', delta: -1 });
      case 'moveColumnRight': return dispatch({ type: 'moveColumn', delta: 1 });
      case 'open': return dispatch({ type: 'open' });
      case 'mark': return dispatch({ type: 'mark' });
      case 'push': return ctl.push('toCell', props.onPush);
      case 'pushBack': return ctl.push('toReference', props.onPush);
      case 'refresh': return ctl.reload();
      case 'help': return props.onHelp(Boolean(s.cell));
      case 'forceQuit': return props.onQuit();
      case 'back': return s.cell ? dispatch({ type: 'close' }) : props.onBack();
    }
  }, props.active);

  const ready = state.columns.filter((c) => c.state.kind !== 'loading').length;
  const right = `${state.rows.length} providers · ${ready}/${state.columns.length} gateways answered`;
  const body = height - CHROME;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Header connection={services.session.connection} width={width} crumb="fleet" right={right} rightShort={`${ready}/${state.columns.length} answered`} />
      {state.review ? <Review state={state} width={width} height={body} />
        : state.cell ? <CellDiff state={state} width={width} height={body} /> : <Grid state={state} width={width} height={body} nameW={widths.nameW} cellW={widths.cellW} />}
      <Message state={state} width={width} />
      <Footer scopes={[state.review ? 'confirm' : state.cell ? 'fleetCell' : 'fleet', 'global']} width={width} />
    </Box>
  );
}

/** A cell as the grid shows it: a fallback reference is `◆`; the focused cell is bracketed. */
function cellLabel(row: FleetRow, cell: FleetCell, i: number, baseline: number, focused: boolean, cellW: number): string {
  const text = cell.kind === 'reference' && i !== baseline ? FALLBACK : cellText(cell);
  return `${fit(focused ? `[${text}]` : ` ${text} `, cellW - 1)} `;
}

function Legend({ state, width }: { state: FleetState; width: number }) {
  const theme = useTheme();
  const base = state.columns[state.baseline];
  if (base && base.state.kind === 'error') {
    return <Text {...theme.warn} wrap="truncate">{fit(`⚠ baseline ${base.profile} is unreachable: rows fall back to the first gateway with them ${FALLBACK}`, width)}</Text>;
  }
  return <Text {...theme.muted} wrap="truncate">{fit(`= same ≠ N differ - none ? unreachable ≈ masks alike ${FALLBACK} fallback · * baseline (b)`, width)}</Text>;
}

function Grid({ state, width, height, nameW, cellW }: { state: FleetState; width: number; height: number; nameW: number; cellW: number }) {
  const theme = useTheme();
  const top = Math.max(0, Math.min(state.row - Math.floor(height / 2), state.rows.length - height));
  const visible = state.rows.slice(top, top + height);
  const shown = state.columns.slice(state.colTop, state.colTop + state.visibleColumns);
  const more = state.colTop + shown.length < state.columns.length;
  const titles = shown.map((c, j) => {
    const i = state.colTop + j;
    return `${fit(`${i === state.col ? '▾' : ' '}${i === state.baseline ? '*' : ''}${c.profile}`, cellW - 1)} `;
  });
  return (
    <Box flexDirection="column" height={height + 3}>
      <Legend state={state} width={width} />
      <Text {...theme.title} wrap="truncate">
        {fit('PROVIDER', nameW)}
        {state.colTop > 0 ? '‹' : ' '}
        {titles.join('')}
        {more ? '›' : ''}
      </Text>
      <Box flexDirection="column" height={height}>
        {visible.map((row, i) => (
          <GridRow key={row.name} state={state} row={row} focused={top + i === state.row} nameW={nameW} cellW={cellW} />
        ))}
      </Box>
      <FocusLine state={state} width={width} />
    </Box>
  );
}

function GridRow({ state, row, focused, nameW, cellW }: { state: FleetState; row: FleetRow; focused: boolean; nameW: number; cellW: number }) {
  const theme = useTheme();
  const cells = row.cells.slice(state.colTop, state.colTop + state.visibleColumns);
  return (
    <Text wrap="truncate">
      <Text {...(focused ? theme.focus : {})}>{fit(`${focused ? '›' : ' '}${row.name}`, nameW)}</Text>
      {' '}
      {cells.map((cell, j) => {
        const i = state.colTop + j;
        const role = cell.kind === 'differs' || cell.kind === 'missing' ? theme.warn : cell.kind === 'unreachable' ? theme.error : cell.kind === 'loading' ? theme.muted : theme.ok;
        const here = focused && i === state.col;
        return <Text key={i} {...role} inverse={here}>{cellLabel(row, cell, i, state.baseline, here, cellW)}</Text>;
      })}
    </Text>
  );
}

/** The focused column's gateway in full, and what the focused row compares with. */
function FocusLine({ state, width }: { state: FleetState; width: number }) {
  const theme = useTheme();
  const column = state.columns[state.col];
  const row = state.rows[state.row];
  if (!column) return <Text> </Text>;
  const where = `${column.profile} (${state.col + 1}/${state.columns.length}${state.col === state.baseline ? ', baseline' : ''})`;
  if (!row) return <Text wrap="truncate">{fit(where, width)}</Text>;
  const cell = row.cells[state.col];
  const ref = state.columns[row.reference]?.profile;
  // An unreachable baseline is said once, on the legend line; a baseline without this provider, here.
  const baseDown = state.columns[state.baseline]?.state.kind === 'error';
  const fallback = baseDown ? undefined : fallbackReason(row, state.columns, state.baseline);
  const what = !cell || row.reference < 0 ? row.name
    : cell.kind === 'reference' ? `${row.name}: the others compare with this`
      : cell.kind === 'unreachable' ? `${row.name} ? unreachable`
        : cell.kind === 'loading' ? `${row.name} … waiting`
          : `${row.name} ${cellText(cell)} vs ${ref}`;
  const text = `${where} · ${what}${fallback ? ` (${FALLBACK} ${fallback})` : ''}`;
  return <Text {...(fallback ? theme.warn : {})} wrap="truncate">{fit(text, width)}</Text>;
}

function CellDiff({ state, width, height }: { state: FleetState; width: number; height: number }) {
  const theme = useTheme();
  const cell = state.cell!;
  const row = state.rows.find((r) => r.name === cell.name);
  if (!row) return <Box height={height + 3} />;
  const fields = cellFields(row, cell.col, cell.from);
  const from = state.columns[cell.from]!.profile;
  const to = state.columns[cell.col]!.profile;
  const valueW = Math.max(8, Math.floor((width - 4) / 4));
  const pathW = width - 4 - valueW * 2;
  const rows = height + 1;
  const top = Math.max(0, Math.min(cell.cursor - Math.floor(rows / 2), fields.length - rows));
  return (
    <Box flexDirection="column" height={height + 3}>
      <Text {...theme.title} wrap="truncate">{fit(`${row.name}: ${fields.length} field${fields.length === 1 ? ' differs' : 's differ'} · p ${from}→${to} · P ${to}→${from}${cell.marked.length > 0 ? ` · ${cell.marked.length} marked` : ''}`, width)}</Text>
      <Text {...theme.muted} wrap="truncate">{fit(`    ${fit('FIELD', pathW)}${fit(from, valueW)}${fit(to, valueW)}`, width)}</Text>
      {fields.slice(top, top + rows).map((f, i) => {
        const focused = top + i === cell.cursor;
        const value = (col: number): string => (f.values[col]!.present ? formatDiffValue(f.segments, f.values[col]!.value) : row.cells[col]?.kind === 'missing' ? '(not configured)' : '(default)');
        return (
          <Text key={f.path} wrap="truncate" {...(focused ? theme.focus : {})}>
            {`${focused ? '›' : ' '}${cell.marked.includes(f.path) ? '[x]' : '[ ]'}`}
            {fit(f.path, pathW - 1)} {fit(value(cell.from), valueW - 1)} {fit(value(cell.col), valueW)}
          </Text>
        );
      })}
    </Box>
  );
}

/** A direct push (fields the editor does not edit, or a create): every change, then y/n. */
function Review({ state, width, height }: { state: FleetState; width: number; height: number }) {
  const theme = useTheme();
  const { from, profile, plan } = state.review!;
  const lines = reviewLines(from, profile, plan);
  const room = height + 2;
  const shown = lines.length > room ? [...lines.slice(0, room - 1), `  … ${lines.length - room + 1} more`] : lines;
  return (
    <Box flexDirection="column" height={height + 3}>
      {shown.map((l, i) => <Text key={i} wrap="truncate" {...(i === 0 ? theme.title : {})}>{fit(l, width)}</Text>)}
      <Text {...(plan.errors.length > 0 ? theme.error : theme.warn)} wrap="truncate">{fit(plan.errors.length > 0 ? 'Invalid: y will not push it.' : yesNoQuestion(`Push it to ${profile}?`), width)}</Text>
    </Box>
  );
}

function Message({ state, width }: { state: FleetState; width: number }) {
  const theme = useTheme();
  return <Text {...(state.message ? theme[state.message.role] : {})} wrap="truncate">{fit(state.message?.text ?? '', width)}</Text>;
}
