/** `bifrost-tui fleet diff [PROVIDER ...] [--profiles a,b,c] [--json]`: the same providers across gateways. */
import { MAX_TIMEOUT_MS } from '../connection/target.js';
import { formatDiffValue } from '../state/provider/diff.js';
import { compareFleet, type FleetColumn, type FleetRow } from '../state/fleet/fleet-compare.js';
import { maskDeep } from '../state/provider/other-fields.js';
import { type Ctx } from './command-context.js';
import { UsageError } from './command-errors.js';
import { FLEET_PARALLEL } from '../connection/fleet-read.js';
import { fetchFleet } from './fleet-gateways.js';
import { formatTable, plural } from './output.js';
import { EXIT } from '../state/exit-codes.js';
import { SAME_MASK } from '../state/write-rules/sameness.js';

/** `--profiles a,b` (default: every profile, in the store's order). */
export function profilesArg(ctx: Ctx, value: string | undefined, what = '--profiles'): string[] {
  const store = ctx.deps.store;
  const known = (store ?? undefined)?.list().map((p) => p.name);
  if (value === undefined) {
    if (!known || known.length === 0) throw new UsageError('no profiles: add some with `bifrost-tui profiles add NAME --url URL`, or give --profiles');
    return known;
  }
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new UsageError(`${what} needs profile names, e.g. ${what} staging,prod`);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new UsageError(`${what} names "${dup}" twice`);
  return names;
}

function positiveInt(ctx: Ctx, name: string, fallback: number, max = 1_000_000): number {
  const raw = ctx.str(name);
  if (raw === undefined) return fallback;
  if (!/^[1-9]\d*$/.test(raw) || Number(raw) > max) throw new UsageError(`--${name} must be a whole number between 1 and ${max}, got "${raw.slice(0, 40)}"`);
  return Number(raw);
}

function cellValue(row: FleetRow, col: FleetColumn, i: number, path: string, segments: readonly string[]): string {
  const cell = row.cells[i]!;
  if (cell.kind === 'unreachable') return '? unreachable';
  if (cell.kind === 'missing') return '- not configured';
  const v = row.fields.find((f) => f.path === path)!.values[i]!;
  void col;
  return v.present ? formatDiffValue(segments, v.value) : '(default)';
}

/** The text report: per provider, the differing fields and each gateway's value. */
export function formatFleet(columns: readonly FleetColumn[], rows: readonly FleetRow[], urls: ReadonlyMap<string, string | undefined>): string {
  const out: string[] = [];
  out.push('Gateways:');
  for (const c of columns) {
    const url = urls.get(c.profile) ?? '';
    out.push(`  ${c.profile}${url ? ` (${url})` : ''}${c.state.kind === 'error' ? `: unreachable: ${c.state.reason}` : ''}`);
  }
  for (const row of rows) {
    const missing = columns.filter((_, i) => row.cells[i]!.kind === 'missing').map((c) => c.profile);
    const unreachable = columns.filter((_, i) => row.cells[i]!.kind === 'unreachable').map((c) => c.profile);
    const tail = [
      missing.length > 0 ? `not configured on ${missing.join(', ')}` : '',
      unreachable.length > 0 ? `unknown on ${unreachable.join(', ')}` : '',
    ].filter(Boolean).join('; ');
    // Equal masks prove nothing: never "same" for those fields.
    const masked = row.unverified.map((u) => `  ${u.path}: ${SAME_MASK} (${[row.reference, ...u.columns].map((i) => columns[i]!.profile).join(', ')})`);
    if (row.fields.length === 0) {
      const same = missing.length > 0 ? 'same where configured' : 'same';
      out.push(`${row.name}: ${row.reference < 0 ? 'not configured on any reachable gateway' : masked.length > 0 ? `${same} as far as can be seen` : same}${tail ? `; ${tail}` : ''}`);
      for (const m of masked) out.push(m);
      continue;
    }
    out.push(`${row.name}: ${plural(row.fields.length, 'field')} differ${row.fields.length === 1 ? 's' : ''}${tail ? `; ${tail}` : ''}`);
    const table = formatTable(
      ['FIELD', ...columns.map((c) => c.profile)],
      row.fields.map((f) => [f.path, ...columns.map((c, i) => cellValue(row, c, i, f.path, f.segments))]),
    );
    out.push(table.trimEnd().replace(/^/gm, '  '));
    for (const m of masked) out.push(m);
  }
  return `${out.join('\n')}\n`;
}

/** The JSON report (values masked). */
export function fleetJson(columns: readonly FleetColumn[], rows: readonly FleetRow[], urls: ReadonlyMap<string, string | undefined>): unknown {
  return {
    gateways: columns.map((c) => ({
      profile: c.profile,
      url: urls.get(c.profile) ?? null,
      reachable: c.state.kind === 'ok',
      ...(c.state.kind === 'error' ? { error: c.state.reason } : {}),
    })),
    providers: rows.map((r) => ({
      provider: r.name,
      differs: r.differs,
      cells: Object.fromEntries(columns.map((c, i) => {
        const cell = r.cells[i]!;
        return [c.profile, cell.kind === 'reference' ? 'same' : cell.kind === 'same' && cell.unverified.length > 0 ? 'unverified' : cell.kind];
      })),
      unverified: r.unverified.map((u) => ({ path: u.path, profiles: [r.reference, ...u.columns].map((i) => columns[i]!.profile) })),
      fields: r.fields.map((f) => ({
        path: f.path,
        values: Object.fromEntries(columns.map((c, i) => [c.profile, f.values[i]!.present ? maskDeep([...f.segments], f.values[i]!.value) : null])),
      })),
    })),
  };
}

/**
 * Exit 0: all the same; 1: something differs (a provider missing somewhere included); 7: nothing differs but a
 * gateway was unreachable; 9: nothing differs but a secret's masks are the same (cannot be verified).
 */
export async function runFleetDiff(ctx: Ctx): Promise<number> {
  const profiles = profilesArg(ctx, ctx.str('profiles'));
  const timeout = ctx.str('timeout');
  const answers = await fetchFleet(ctx.io, ctx.deps, profiles, {
    parallel: positiveInt(ctx, 'parallel', FLEET_PARALLEL),
    ...(timeout !== undefined ? { timeoutMs: positiveInt(ctx, 'timeout', 1, MAX_TIMEOUT_MS) } : {}),
  });
  const columns: FleetColumn[] = answers.map((a) => ({ profile: a.profile, state: a.state }));
  const urls = new Map(answers.map((a) => [a.profile, a.url]));
  const rows = compareFleet(columns, ctx.args);
  if (ctx.json) ctx.outJson(fleetJson(columns, rows, urls));
  else ctx.out(formatFleet(columns, rows, urls));
  if (rows.some((r) => r.differs)) return EXIT.changes;
  if (columns.some((c) => c.state.kind === 'error')) return EXIT.gateway;
  return rows.some((r) => r.unverified.length > 0) ? EXIT.unverified : EXIT.ok;
}
