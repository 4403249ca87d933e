/**
 * The same providers across several gateways (profiles): which fields differ
 * and each gateway's value. Providers are compared normalized (gateway-filled
 * defaults and EnvVar wire shapes collapsed, read-only fields dropped), so
 * only real setting differences count. Secrets compare by the gateway's mask,
 * and two equal masks are never evidence: such a field is "same mask, cannot
 * be verified" (write-rules/sameness.ts), never "same".
 */
import { getAtPath } from '../../api/update-body.js';
import type { Provider } from '../../api/wire.js';
import { diffObjects, normalizeForCompare } from '../provider/diff.js';
import { sameMasks } from '../write-rules/sameness.js';

/** One gateway's answer: still loading, its providers, or why it could not be read. */
export type GatewayState =
  | { kind: 'loading' }
  | { kind: 'ok'; providers: readonly Provider[] }
  | { kind: 'error'; reason: string };

/** A profile and what its gateway answered. */
export interface FleetColumn {
  profile: string;
  state: GatewayState;
}

/** One cell of the providers x gateways grid. */
export type FleetCell =
  | { kind: 'loading' }
  | { kind: 'unreachable'; reason: string }
  | { kind: 'missing' }
  /** The column the others are compared with. */
  | { kind: 'reference' }
  /** No field differs; `unverified`: secrets whose masks are the same on both (cannot be verified). */
  | { kind: 'same'; unverified: string[] }
  | { kind: 'differs'; fields: string[]; unverified: string[] };

/** A field that differs, with each column's value (undefined: absent, or no answer). */
export interface FleetField {
  path: string;
  segments: readonly string[];
  values: Array<{ present: boolean; value: unknown }>;
}

export interface FleetRow {
  name: string;
  cells: FleetCell[];
  /** Index of the reference column (the first reachable one that has the provider), or -1. */
  reference: number;
  fields: FleetField[];
  /** Some reachable gateway differs from the reference or lacks the provider. */
  differs: boolean;
  /** Secret paths with the same mask on the reference and another gateway, and those gateways' columns. */
  unverified: Array<{ path: string; columns: number[] }>;
}

function normalizedOf(state: GatewayState, name: string): Record<string, unknown> | undefined {
  if (state.kind !== 'ok') return undefined;
  const p = state.providers.find((x) => x.name === name);
  return p ? normalizeForCompare(p) : undefined;
}

/** How a row lists its fields. */
export interface CompareOptions {
  /**
   * A gateway that answered without the provider lacks every field of it: list them all (the fleet
   * screen's cell view, where they are what a push there creates). Off: only fields that differ between
   * gateways that have it (`fleet diff`, which says "not configured on" instead).
   */
  everyFieldWhereMissing?: boolean;
}

/** Compares provider `name` across the columns. */
export function compareProvider(name: string, columns: readonly FleetColumn[], options: CompareOptions = {}): FleetRow {
  const bodies = columns.map((c) => normalizedOf(c.state, name));
  const reference = bodies.findIndex((b) => b !== undefined);
  const paths = new Map<string, readonly string[]>();
  const unverified = new Map<string, number[]>();
  if (options.everyFieldWhereMissing && reference >= 0 && columns.some((c, i) => c.state.kind === 'ok' && !bodies[i])) {
    for (const e of diffObjects(bodies[reference], undefined)) paths.set(e.path, e.segments);
  }
  const cells: FleetCell[] = columns.map((c, i): FleetCell => {
    if (c.state.kind === 'loading') return { kind: 'loading' };
    if (c.state.kind === 'error') return { kind: 'unreachable', reason: c.state.reason };
    const body = bodies[i];
    if (!body) return { kind: 'missing' };
    if (i === reference) return { kind: 'reference' };
    const diff = diffObjects(bodies[reference], body);
    for (const e of diff) paths.set(e.path, e.segments);
    const masked = sameMasks(bodies[reference], body);
    for (const p of masked) unverified.set(p, [...(unverified.get(p) ?? []), i]);
    return diff.length === 0 ? { kind: 'same', unverified: masked } : { kind: 'differs', fields: diff.map((e) => e.path), unverified: masked };
  });
  const fields = [...paths].map(([path, segments]) => ({
    path,
    segments,
    values: bodies.map((b) => {
      const value = b === undefined ? undefined : getAtPath(b, segments);
      return { present: value !== undefined, value };
    }),
  }));
  const differs = cells.some((c) => c.kind === 'differs' || c.kind === 'missing');
  return { name, cells, reference, fields, differs, unverified: [...unverified].map(([path, cols]) => ({ path, columns: cols })) };
}

/** Every provider name any answered gateway has (or just `only`), sorted. */
export function fleetProviderNames(columns: readonly FleetColumn[], only: readonly string[] = []): string[] {
  if (only.length > 0) return [...only];
  const names = new Set<string>();
  for (const c of columns) if (c.state.kind === 'ok') for (const p of c.state.providers) names.add(p.name);
  return [...names].sort();
}

/** The grid: one row per provider. */
export function compareFleet(columns: readonly FleetColumn[], only: readonly string[] = [], options: CompareOptions = {}): FleetRow[] {
  return fleetProviderNames(columns, only).map((n) => compareProvider(n, columns, options));
}

/** A cell as the grid shows it: `=`, `≠ N`, `-`, `?` (and `…` while loading). */
export function cellText(cell: FleetCell): string {
  switch (cell.kind) {
    case 'loading':
      return '…';
    case 'unreachable':
      return '?';
    case 'missing':
      return '-';
    case 'reference':
      return '=';
    case 'same':
      // The same as far as can be seen: a secret's masks match, which proves nothing.
      return cell.unverified.length > 0 ? '≈' : '=';
    case 'differs':
      return `≠ ${cell.fields.length}`;
  }
}
