/**
 * `providers edit NAME`: the whole provider in $EDITOR, like `kubectl edit`.
 * The file is the draft (store/edit-draft-store.ts): an edit given up or cut
 * short is resumed by the next `providers edit NAME` (or `e` in the app). On
 * save it is read and checked with the form's rules; a file that cannot be
 * used opens again with the reasons at the top; a change someone else made
 * meanwhile opens it again with their change in and the user's edits
 * re-applied. A usable edit goes through the write pipeline like `apply`.
 */
import type { Provider } from '../api/wire.js';
import { EXIT } from '../state/exit-codes.js';
import { editText, errorNotes, editPlace, readEdited, reopenedAfterConflict, withHeader } from '../state/provider/whole-edit.js';
import type { WritePlan } from '../state/write-rules/review.js';
import { endEditor, newEditorId } from '../store/draft-owner.js';
import { openEditDraftStore, unfinishedEdits } from '../store/edit-draft-store.js';
import { chosenEditFormat, EDIT_FORMAT_ENV, type EditFormat } from '../state/provider/edit-format.js';
import type { EditDraft } from '../state/local-types.js';
import { assertWritable, needArgs, type Ctx } from './command-context.js';
import { CommandError, UsageError } from './command-errors.js';
import { runEditorOn } from './external-editor.js';
import { rerunLine } from './rerun.js';
import { changeCount, commandWriter, outcomeError, runWrite } from './write-command.js';

/** --format, else $BIFROST_TUI_EDIT_FORMAT, else YAML (comments and multi-line values read naturally). */
function editFormat(flag: string | undefined, env: NodeJS.ProcessEnv): EditFormat {
  const chosen = chosenEditFormat(flag, env);
  if (typeof chosen === 'string') return chosen;
  throw new UsageError(`${flag === undefined ? `$${EDIT_FORMAT_ENV}` : '--format'} must be json or yaml, got "${chosen.invalid}"`);
}

export async function runEdit(ctx: Ctx): Promise<number> {
  const [name] = needArgs(ctx, 'edit', ['NAME']);
  const format = editFormat(ctx.str('format'), ctx.io.env);
  if (!ctx.flag('dry-run')) await assertWritable(ctx);
  const target = await ctx.connect();
  const fetched = await ctx.fetchProvider(name!);
  const gw = target.connection.gatewayKey;
  const place = editPlace(name!, target.connection);
  const store = openEditDraftStore({ dir: ctx.deps.historyDir, env: ctx.io.env });
  const editor = newEditorId();
  const savedAt = (): string => ctx.now().toISOString();
  const resume = `\`${rerunLine(ctx, ['providers', 'edit', name!])}\` resumes it`;
  try {
    // An edit left unfinished (given up, a dropped session) is taken over, text and base as they were.
    const [kept] = unfinishedEdits(store, gw, name!);
    let draft: EditDraft;
    if (kept) {
      draft = store.start(gw, name!, editor, { format: kept.format, original: kept.original, text: store.readText(kept), savedAt: savedAt() });
      store.remove(kept);
      ctx.note(`note: resuming the unfinished edit of ${name} from ${kept.savedAt} (empty the file to give it up)`);
    } else {
      draft = store.start(gw, name!, editor, { format, original: fetched as Record<string, unknown>, text: editText(place, fetched, format), savedAt: savedAt() });
    }
    const writer = await commandWriter(ctx);
    let opened = store.readText(draft);
    const noChanges = (): number => {
      store.remove(draft);
      if (!ctx.quiet) ctx.out(`no changes: ${name} already matches\n`);
      return EXIT.ok;
    };
    for (;;) {
      const failed = runEditorOn(draft.file, ctx.io.env);
      if (failed) throw new CommandError(`${failed}: nothing was sent; the edit is kept in ${draft.file} (${resume})`, EXIT.changes);
      const text = store.readText(draft);
      const base = draft.original as Provider;
      const result = readEdited(text, draft.format, base);
      if (result.kind === 'cancelled') {
        store.remove(draft);
        if (!ctx.quiet) ctx.out(`edit of ${name} given up (the file was emptied): nothing was sent\n`);
        return EXIT.ok;
      }
      if (result.kind === 'invalid') {
        // Saved again as it was: the user is done trying; the text stays for later.
        if (text === opened) throw new CommandError(`not sent: ${result.errors.join('; ')}; the edit is kept in ${draft.file} (${resume})`, EXIT.validation);
        for (const e of result.errors) ctx.note(`invalid: ${e}`);
        opened = withHeader(place, draft.format, text, errorNotes(result.errors));
        store.writeText(draft, opened);
        continue;
      }
      if (result.kind === 'unchanged') return noChanges();
      const plan: WritePlan = { action: 'update', base, edits: result.edits };
      const checked = await writer.check({ kind: 'provider', name: name! }, plan);
      if (checked.kind === 'conflict' && checked.reapplied?.action === 'update' && checked.current) {
        // Someone else changed it since the edit began: theirs in, the user's edits on top, and the editor again.
        const current = checked.current;
        draft = store.rebase(draft, current, savedAt());
        const theirs = checked.theirs.map((e) => e.path);
        ctx.note(`note: ${name} changed on the gateway while it was edited (${theirs.join(', ')}): the file opens again with that change in`);
        opened = reopenedAfterConflict(place, draft.format, current, checked.reapplied.edits, { theirs, overlaps: checked.overlaps });
        store.writeText(draft, opened);
        continue;
      }
      if (checked.kind === 'unchanged') return noChanges();
      if (checked.kind !== 'review') throw outcomeError(checked, 'since the edit began');
      try {
        const code = await runWrite(ctx, {
          target: { kind: 'provider', name: name! },
          plan,
          current: checked.review.current,
          question: (review, url) => `Save ${changeCount(review)} to ${name} on ${url}?`,
          done: (o) => `saved ${name}: ${changeCount(o.review)}`,
          undo: (backup) => `undo: ${rerunLine(ctx, ['providers', 'restore', name!, '--at', backup])}`,
        });
        if (ctx.flag('dry-run')) ctx.note(`note: the edit is kept in ${draft.file} (${resume})`);
        else store.remove(draft);
        return code;
      } catch (err) {
        ctx.note(`note: the edit is kept in ${draft.file} (${resume})`);
        throw err;
      }
    }
  } finally {
    endEditor(editor);
  }
}
