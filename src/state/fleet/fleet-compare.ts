/**
 * The same providers across several gateways (profiles): which fields differ
 * and each gateway's value. Providers are compared by meaning: normalized
 * (gateway-filled defaults and EnvVar wire shapes collapsed, so a reference in
 * `{value, env_var, from_env}` equals the same one in `{value, ref, type}`;
 * read-only fields dropped), and across Bifrost lines only on the fields both
 * lines have (v1.4's `pricing_overrides`, v2's `ignore_provider_cost` are not
 * differences). Secrets compare by the gateway's mask, and masks are never
 * evidence: two equal masks, or masks of two lines' styles (`<REDACTED>`
 * against 4+24+4), are "same mask, cannot be verified" (write-rules/sameness.ts),
 * never "same" nor "different".
 */
import { isRedacted, redactLikeGateway } from '../../api/secrets.js';
import { getAtPath } from '../../api/update-body.js';
import type { VersionRules } from '../../api/versions/version-rules.js';
import type { Provider } from '../../api/wire.js';
import { diffObjects, normalizeForCompare, type DiffEntry } from '../provider/diff.js';
import { isPlainObject } from '../json.js';
import { lineHasField, lineHasNetworkField } from '../write-rules/cross-version.js';
import { sameMasks } from '../write-rules/sameness.js';

/** One gateway's answer: still loading, its providers (and its Bifrost line, when known), or why it could not be read. */
export type GatewayState =
  | { kind: 'loading' }
  | { kind: 'ok'; providers: readonly Provider[]; rules?: VersionRules }
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

const rulesOf = (state: GatewayState | undefined): VersionRules | undefined => (state?.kind === 'ok' ? state.rules : undefined);

/**
 * A normalized copy without what one line holds and the other does not (top-level fields, network settings);
 * a field neither line decodes is compared as the gateways show it (both store it). Either line unknown: all of it.
 */
function onCommonFields(body: Record<string, unknown>, a: VersionRules | undefined, b: VersionRules | undefined): Record<string, unknown> {
  if (!a || !b) return body;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (lineHasField(a, k) !== lineHasField(b, k)) continue;
    if (k === 'network_config' && isPlainObject(v)) {
      out[k] = Object.fromEntries(Object.entries(v).filter(([f]) => lineHasNetworkField(a, f) === lineHasNetworkField(b, f)));
    } else out[k] = v;
  }
  return out;
}

/** A mask in a placeholder style (`<REDACTED>`, `********`): it shows nothing of the secret. */
const placeholder = (v: unknown): boolean => typeof v === 'string' && isRedacted(v) && !(v.length === 32 && v.slice(4, 28) === '*'.repeat(24));

/**
 * The differences that are not evidence: both sides masked, one of them a placeholder that shows nothing
 * (`<REDACTED>` on v1.4 against a 4+24+4 mask later); or a value one line shows plain and another masks, where
 * the mask is that value's (v1.4/v1.5 show a proxy user name, v2 masks it). Two 4+24+4 masks that differ, or a
 * plain value whose mask is not the other side's, are different secrets.
 */
function maskedApart(e: DiffEntry): boolean {
  if (e.kind !== 'changed' || typeof e.before !== 'string' || typeof e.after !== 'string') return false;
  const [a, b] = [e.before, e.after];
  if (isRedacted(a) && isRedacted(b)) return placeholder(a) || placeholder(b);
  const [mask, plain] = isRedacted(a) ? [a, b] : isRedacted(b) ? [b, a] : [undefined, undefined];
  if (mask === undefined || plain === undefined || /^(env|vault)\./.test(plain)) return false;
  return placeholder(mask) || redactLikeGateway(plain) === mask;
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
    const [refRules, rules] = [rulesOf(columns[reference]?.state), rulesOf(c.state)];
    const mine = onCommonFields(bodies[reference]!, refRules, rules);
    const theirs = onCommonFields(body, refRules, rules);
    const entries = diffObjects(mine, theirs);
    const diff = entries.filter((e) => !maskedApart(e));
    for (const e of diff) paths.set(e.path, e.segments);
    const masked = [...sameMasks(mine, theirs), ...entries.filter(maskedApart).map((e) => e.path)];
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
