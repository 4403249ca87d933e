/**
 * `providers set`, `apply NAME -f FILE` and `restore` write one provider
 * through the write pipeline (write-command.ts): this adds only what is
 * theirs, the export-file conflict (`--force`) and the wording.
 */
import type { Edit } from '../api/update-body.js';
import type { Provider } from '../api/wire.js';
import { type Ctx } from './command-context.js';
import { CommandError } from './command-errors.js';
import { formatDiff } from './output.js';
import { planChanges } from '../state/write-rules/provider-write-plan.js';
import { EXIT } from '../state/exit-codes.js';
import { changeCount, runWrite } from './write-command.js';
import { rerunLine } from './rerun.js';

/** Edits of a provider as just fetched. */
export interface ProviderWrite {
  name: string;
  /** The provider as just fetched: the plan's copy. */
  fetched: Provider;
  edits: Edit[];
  /** Why the write would overwrite someone else's change (an export file's copy is older): refused unless --force. */
  conflict?: string;
  /** Extra fields for the JSON result (e.g. `restoredFrom`). */
  extra?: Record<string, unknown>;
}

/** Writes `edits` of `fetched` through the pipeline; returns the exit code. */
export async function writeProvider(ctx: Ctx, w: ProviderWrite): Promise<number> {
  const { name, fetched, edits } = w;
  // Re-applying a file whose changes are already in place is a no-op, not a conflict.
  const conflict = planChanges(fetched, edits).changes.length > 0 ? w.conflict : undefined;
  if (conflict && !ctx.flag('force')) {
    if (!ctx.json && !ctx.quiet) ctx.out(`Changes to ${name} (against the current gateway copy):\n${formatDiff(planChanges(fetched, edits).changes)}`);
    throw new CommandError(`${conflict}: nothing was written; export again and redo your edits, or pass --force to overwrite`, EXIT.conflict);
  }
  if (conflict) ctx.note(`note: ${conflict}; overwriting (--force)`);
  return runWrite(ctx, {
    target: { kind: 'provider', name },
    plan: { action: 'update', base: fetched as Record<string, unknown>, edits },
    current: fetched as Record<string, unknown>,
    ...(w.extra ? { extra: w.extra } : {}),
    question: (review, url) => `Save ${changeCount(review)} to ${name} on ${url}?`,
    done: (o) => `saved ${name}: ${changeCount(o.review)}`,
    undo: (backup) => `undo: ${rerunLine(ctx, ['providers', 'restore', name, '--at', backup])}`,
  });
}
