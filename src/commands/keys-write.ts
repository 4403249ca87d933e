/**
 * The `keys` subcommands' writes go through the write pipeline
 * (write-command.ts): re-read of the key right before every write (with or
 * without a prompt), the one conflict rule, backup of the key, the write,
 * and a fresh GET that confirms it (upstream #5958: key reads may lag).
 * This adds only the wording.
 */
import type { Edit } from '../api/update-body.js';
import type { Key } from '../api/wire.js';
import type { WritePlan, WriteTarget } from '../state/write-rules/review.js';
import type { Ctx } from './command-context.js';
import { changeCount, runWrite } from './write-command.js';
import { rerunLine } from './rerun.js';

/** What to write: an update of a fetched key, a new key, or a deletion. */
export type KeyWritePlan =
  | { kind: 'update'; provider: string; fetched: Key; edits: Edit[]; extra?: Record<string, unknown> }
  | { kind: 'create'; provider: string; body: Record<string, unknown> }
  | { kind: 'delete'; provider: string; fetched: Key };

/** Runs one key write; returns the exit code. */
export async function writeKey(ctx: Ctx, plan: KeyWritePlan): Promise<number> {
  const { provider } = plan;
  const target: WriteTarget = plan.kind === 'create'
    ? { kind: 'key', provider, name: String(plan.body.name ?? '(unnamed)') }
    : { kind: 'key', provider, id: plan.fetched.id, name: plan.fetched.name ?? plan.fetched.id };
  const fetched = plan.kind === 'create' ? null : (plan.fetched as Record<string, unknown>);
  const wplan: WritePlan = plan.kind === 'create'
    ? { action: 'create', body: plan.body }
    : plan.kind === 'delete' ? { action: 'delete', base: fetched! } : { action: 'update', base: fetched!, edits: plan.edits };
  const what = `key "${target.name}" of ${provider}`;
  return runWrite(ctx, {
    target,
    plan: wplan,
    current: fetched,
    ...(plan.kind === 'update' && plan.extra ? { extra: plan.extra } : {}),
    question: (review, url) => (plan.kind === 'delete' ? `Delete ${what} on ${url}?` : plan.kind === 'create' ? `Add ${what} on ${url}?` : `Save ${changeCount(review)} to ${what} on ${url}?`),
    done: (o) => (plan.kind === 'delete' ? `deleted ${what}` : plan.kind === 'create' ? `added ${what} (id ${o.id ?? '?'})` : `saved ${what}: ${changeCount(o.review)}`),
    // A deleted key cannot come back from its backup (`keys restore` writes an existing key, and the
    // backup holds only the value's mask), so only an update gets an undo command.
    undo: (backup, id) => (plan.kind === 'delete'
      ? 'its value is masked there: to undo, add the key again with keys add'
      : `undo: ${rerunLine(ctx, ['keys', 'restore', provider, id ?? target.id ?? '', '--at', backup])}`),
  });
}
