/** `providers diff` and `providers apply`: a JSON document merged onto the fetched provider. */
import { assertWritable, needArgs, type Ctx } from './command-context.js';
import { diffJson, formatDiff } from './output.js';
import { isDirectory, runDirApply, runDirDiff } from './providers-dir.js';
import { conflictOf, readDocument } from './providers-document.js';
import { mergeEdits } from './providers-merge.js';
import { writeProvider } from './providers-save.js';
import { EXIT } from '../state/exit-codes.js';
import { keptNote, reviewWrite } from '../state/write-rules/review.js';
import { gatewayDialect } from '../write/gateway-dialect.js';
import { describeUnknownField, unknownFields } from '../state/provider/known-fields.js';

async function load(ctx: Ctx, sub: string) {
  const [name] = needArgs(ctx, sub, ['NAME']);
  const doc = await readDocument(ctx, ctx.str('file'));
  const fetched = await ctx.fetchProvider(name!);
  const { edits, ignored } = mergeEdits(fetched, doc.body);
  if (ignored.length > 0) ctx.note(`note: read-only fields in ${doc.source} ignored: ${ignored.join(', ')}`);
  if (!doc.meta) ctx.note(`note: ${doc.source} has no export metadata: cannot tell whether ${name} changed on the gateway since it was written`);
  return { name: name!, doc, fetched, edits, conflict: conflictOf(doc, name!, fetched), unknown: unknownFields(doc.body, fetched) };
}

/** Prints what applying the file would change; exit 1 when it changes something. */
export async function runDiff(ctx: Ctx): Promise<number> {
  const file = ctx.str('file');
  if (isDirectory(file)) return runDirDiff(ctx, file!);
  const { name, fetched, edits, conflict: stale, unknown } = await load(ctx, 'diff');
  // What apply would review: the same pipeline rules (stale masks kept, the editor's checks), in the gateway's dialect.
  const review = reviewWrite({ kind: 'provider', name }, { action: 'update', base: fetched, edits }, fetched, await gatewayDialect(await ctx.gateway()));
  const { changes } = review;
  const conflict = changes.length > 0 ? stale : undefined;
  if (conflict) ctx.note(`warning: ${conflict}; apply will refuse without --force`);
  for (const u of unknown) ctx.note(`note: apply would refuse: ${describeUnknownField(u, name)}`);
  for (const w of review.warnings) ctx.note(`note: ${w}`);
  const kept = keptNote(review);
  if (kept) ctx.note(`note: ${kept}`);
  for (const p of review.problems) ctx.note(`note: apply would refuse: ${p}`);
  if (ctx.json) ctx.outJson({ provider: name, conflict: conflict ?? null, changes: diffJson(changes) });
  else if (changes.length === 0) ctx.out(`no changes: ${name} already matches\n`);
  else ctx.out(`Changes to ${name}:\n${formatDiff(changes)}`);
  return changes.length === 0 ? EXIT.ok : EXIT.changes;
}

/** Applies the file (merge, check, diff, confirm, back up, PUT). */
export async function runApply(ctx: Ctx): Promise<number> {
  const file = ctx.str('file');
  if (isDirectory(file)) return runDirApply(ctx, file!);
  needArgs(ctx, 'apply', ['NAME']);
  if (!ctx.flag('dry-run')) await assertWritable(ctx);
  const { name, fetched, edits, conflict, unknown } = await load(ctx, 'apply');
  // A field nobody knows is most likely a typo that the gateway would ignore: refused before anything is planned to be sent.
  if (unknown.length > 0) {
    if (!ctx.flag('force')) {
      for (const u of unknown) ctx.error(`invalid: ${describeUnknownField(u, name)}`);
      return EXIT.validation;
    }
    ctx.note(`note: sending ${unknown.map((u) => u.field).join(', ')} anyway (--force): neither the gateway's copy nor this client knows ${unknown.length === 1 ? 'it' : 'them'}`);
  }
  return writeProvider(ctx, { name, fetched, edits, conflict });
}
