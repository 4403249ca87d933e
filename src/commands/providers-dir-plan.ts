/**
 * The plan of `providers diff|apply -f DIR`: a directory is desired state
 * (like `kubectl apply -f DIR`). Per provider: create, update, delete (with
 * --prune) or nothing, the field changes, drift (a change on this gateway
 * since DIR was last exported from / applied to it), secrets that cannot be
 * copied, and what the editor's checks refuse. Pure: the caller fetches.
 */
import type { Provider } from '../api/wire.js';
import { diffObjects, normalizeForCompare } from '../state/provider/diff.js';
import type { SyncSnapshots } from '../store/sync-store.js';
import { diffJson, formatDiff, plural } from './output.js';
import { exportedFrom, type ProviderDocument } from './providers-document.js';
import { IGNORED_FIELDS, planWrite, secretsLeft, type PlannedWrite } from '../state/write-rules/provider-write-plan.js';
import { describeUnknownField, unknownFields } from '../state/provider/known-fields.js';
import type { LinesOfCopy } from '../state/write-rules/cross-version.js';

/** A document of the directory and the provider it is for. */
export interface DirDocument extends ProviderDocument {
  name: string;
}

/** What applying the directory does to one provider. */
export interface PlanItem extends PlannedWrite {
  /** The file it comes from (absent for a delete). */
  source?: string;
  /** Fields changed on this gateway since the last export/apply of DIR; undefined = no record to tell. */
  drift?: string[];
}

export interface DirPlan {
  items: PlanItem[];
  /** Providers on the gateway that DIR does not hold (deleted only with --prune). */
  extra: string[];
}

/** Fields of `fetched` that changed since the snapshot; [] when none; undefined when nothing says. */
export function driftOf(snapshot: Record<string, unknown> | undefined, fetched: Provider, doc?: DirDocument): string[] | undefined {
  if (snapshot) return diffObjects(snapshot, normalizeForCompare(fetched)).map((e) => e.path);
  // No local record (another machine): an untouched export of this very copy still proves there is none.
  if (exportedFrom(doc?.meta, fetched)) return [];
  return undefined;
}

/** The body of a document without the read-only fields a `get --json` copy may carry. */
function writableOf(doc: DirDocument): Record<string, unknown> {
  const body = { ...doc.body };
  for (const f of IGNORED_FIELDS) delete body[f];
  if ('keys' in body) throw new Error('"keys" cannot be set with a provider document: keys have their own endpoints');
  return body;
}

/** How a directory or a push is planned: see `planProvider`. */
export interface PlanOptions {
  force?: boolean;
  gateway?: string;
  /** The Bifrost lines of the target (and of the source, for a push): each writes and reads its own fields. */
  lines?: LinesOfCopy;
}

/**
 * The plan for one document against the gateway's copy (undefined: not configured there). `gateway`: the
 * target's URL; a document exported from it carries that gateway's own masks, anything else's masks prove nothing.
 * `force`: a field nobody knows does not hold the provider back.
 */
export function planProvider(doc: DirDocument, fetched: Provider | undefined, snapshot: Record<string, unknown> | undefined, opts: PlanOptions = {}): PlanItem {
  let desired: Record<string, unknown>;
  try {
    desired = writableOf(doc);
  } catch (err) {
    return { name: doc.name, source: doc.source, action: fetched ? 'update' : 'create', fetched, changes: [], notCopied: [], unverified: [], refused: [], errors: [(err as Error).message] };
  }
  const item = planWrite(doc.name, desired, fetched, opts.gateway !== undefined && doc.meta?.gateway === opts.gateway, opts.lines);
  // A field nobody knows (a typo the gateway would ignore) holds the provider back unless --force.
  const unknown = opts.force ? [] : unknownFields(desired, fetched).map((u) => describeUnknownField(u, doc.name));
  return { ...item, errors: [...item.errors, ...unknown], source: doc.source, ...(fetched && item.action === 'update' ? { drift: driftOf(snapshot, fetched, doc) } : {}) };
}

/** The plan for `docs` against the gateway's providers (`gateway`: its URL). */
export function planDirectory(docs: readonly DirDocument[], onGateway: readonly Provider[], snapshots: SyncSnapshots, prune: boolean, opts: PlanOptions = {}): DirPlan {
  const byName = new Map(onGateway.map((p) => [p.name, p]));
  const inDir = new Set(docs.map((d) => d.name));
  const items = docs.map((d) => planProvider(d, byName.get(d.name), snapshots[d.name], opts));
  const extra = onGateway.map((p) => p.name).filter((n) => !inDir.has(n)).sort();
  if (prune) {
    for (const name of extra) {
      const fetched = byName.get(name)!;
      items.push({ name, action: 'delete', fetched, changes: [], notCopied: [], unverified: [], refused: [], errors: [], drift: driftOf(snapshots[name], fetched) });
    }
  }
  return { items: items.sort((a, b) => a.name.localeCompare(b.name)), extra: prune ? [] : extra };
}

/** Items that would write (errors excluded). */
export function pendingItems(plan: DirPlan): PlanItem[] {
  return plan.items.filter((i) => i.action !== 'none' && i.errors.length === 0);
}

/** The drift line of an item, or undefined. */
export function driftText(i: PlanItem): string | undefined {
  if (!i.drift || i.drift.length === 0) return undefined;
  return `drift: changed on this gateway since DIR was last exported/applied here: ${i.drift.join(', ')}`;
}

/**
 * True when the plan leaves a field as the target has it: a secret (a mask that cannot be copied, or one that
 * cannot be verified) or a field the target's Bifrost line cannot hold.
 */
export const leavesSecrets = (i: PlannedWrite): boolean => i.notCopied.length > 0 || i.unverified.length > 0 || i.refused.length > 0;

/** The plan as text: one line per provider with its field count, the changes, drift, secrets and errors. */
export function formatPlan(plan: DirPlan, where: string): string {
  const lines: string[] = [`Plan for ${where}:`];
  const quiet = (i: PlanItem): boolean => i.action === 'none' && i.errors.length === 0 && !leavesSecrets(i);
  const unchanged = plan.items.filter(quiet).map((i) => i.name);
  for (const i of plan.items) {
    if (quiet(i)) continue;
    const count = i.action === 'delete' ? 'all fields' : i.action === 'none' ? 'the same as far as can be seen' : plural(i.changes.length, 'field');
    lines.push(`  ${(i.action === 'none' ? 'same' : i.action).padEnd(6)}  ${i.name}  (${count})`);
    if (i.action === 'update') lines.push(formatDiff(i.changes).replace(/^ {2}/gm, '      ').trimEnd());
    const drift = driftText(i);
    if (drift) lines.push(`      ${drift}`);
    for (const l of secretsLeft(i)) lines.push(`      ${l}`);
    for (const e of i.errors) lines.push(`      invalid, not applied: ${e}`);
  }
  if (unchanged.length > 0) lines.push(`  unchanged: ${unchanged.join(', ')}`);
  if (plan.extra.length > 0) lines.push(`  not in DIR (kept; --prune deletes them): ${plan.extra.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/** The plan as JSON (values masked). */
export function planJson(plan: DirPlan): unknown {
  return {
    providers: plan.items.map((i) => ({
      provider: i.name,
      action: i.action,
      fields: i.changes.length,
      changes: diffJson(i.changes),
      drift: i.drift ?? null,
      notCopied: i.notCopied,
      unverified: i.unverified,
      notRepresentable: i.refused,
      errors: i.errors,
    })),
    notInDir: plan.extra,
  };
}
