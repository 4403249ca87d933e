/** `providers set NAME path=value ... [--unset path ...]`: quick edits through the form model. */
import { setOwn } from '../api/json-limits.js';
import type { Provider } from '../api/wire.js';
import { fromWire, isAllowed, toggle, toWire } from '../state/provider/allowed-requests.js';
import { isReadOnly } from '../state/provider/descriptors.js';
import {
  createFormState, effectiveValue, fieldEdit, resetFieldToDefault, setField, setFieldValue, toEdits, type FormState,
} from '../state/provider/edit-model.js';
import { parseToggle } from '../state/provider/parsers.js';
import { isCustomProvider } from '../state/provider/provider-kind.js';
import { isParseError } from '../state/provider/types.js';
import { assertWritable, type Ctx } from './command-context.js';
import { CommandError, UsageError } from './command-errors.js';
import { writeProvider } from './providers-save.js';
import { closeMatches, resolveSetPath, type SetPath } from './providers-set-paths.js';
import { EXIT } from '../state/exit-codes.js';

interface Change {
  path: string;
  target: SetPath;
  /** Typed text; undefined for --unset. */
  text?: string;
}

function parseChanges(assignments: readonly string[], unsets: readonly string[]): Change[] {
  const resolve = (path: string): SetPath => {
    const target = resolveSetPath(path);
    if (target) return target;
    const near = closeMatches(path);
    throw new UsageError(`unknown field path "${path}"${near.length ? `; did you mean ${near.join(', ')}?` : ''} (the paths are listed in \`providers set --help\`)`);
  };
  const out: Change[] = [];
  for (const a of assignments) {
    const at = a.indexOf('=');
    if (at <= 0) throw new UsageError(`expected path=value, got "${a.length > 40 ? `${a.slice(0, 40)}…` : a}"`);
    const path = a.slice(0, at).trim();
    out.push({ path, target: resolve(path), text: a.slice(at + 1) });
  }
  for (const path of unsets) out.push({ path, target: resolve(path) });
  if (out.length === 0) throw new UsageError('`providers set` needs at least one path=value (or --unset path)');
  return out;
}

function entryValue(d: SetPath['d'], key: string, text: string): unknown {
  if (d.kind !== 'flags' && !d.mapOfBool) return text;
  const r = parseToggle(text);
  if (isParseError(r) || text.trim() === '') throw new CommandError(`invalid: ${d.label}: ${key} needs true or false (got "${text}")`, EXIT.validation);
  return r.value;
}

/** One change applied to the form state, like the editor would. */
function applyChange(state: FormState, original: Provider, c: Change): FormState {
  const { d, key } = c.target;
  if (d.section === 'custom' && !isCustomProvider(original)) {
    throw new CommandError(`invalid: ${d.id} applies to custom providers only; ${original.name} is built-in`, EXIT.validation);
  }
  if (isReadOnly(d, original)) throw new CommandError(`invalid: ${d.label} (${d.id}): cannot be changed after creation`, EXIT.validation);
  if (key === undefined) {
    const next = c.text === undefined ? resetFieldToDefault(state, d.id) : setField(state, d.id, c.text);
    const edit = fieldEdit(next, d.id);
    if (edit && !edit.parsed) throw new CommandError(`invalid: ${d.label}: ${edit.error ?? 'invalid value'}`, EXIT.validation);
    return next;
  }
  const current = effectiveValue(state, d.id);
  if (d.kind === 'flags') {
    const m = fromWire(current);
    if (c.text === undefined) {
      // Removing an entry of a present object denies it; with the object absent there is nothing to remove.
      if (m.mode === 'all' || !(key in m.flags)) return state;
      const flags = { ...m.flags };
      delete flags[key];
      return setFieldValue(state, d.id, flags);
    }
    const allow = entryValue(d, key, c.text) as boolean;
    return isAllowed(m, key) === allow ? state : setFieldValue(state, d.id, toWire(toggle(m, key)) ?? null);
  }
  const map = { ...((current && typeof current === 'object' ? current : {}) as Record<string, unknown>) };
  if (c.text === undefined) {
    if (Object.hasOwn(map, key)) delete map[key];
  } else setOwn(map, key, entryValue(d, key, c.text));
  return setFieldValue(state, d.id, map);
}

/** Applies `path=value` edits through the form model and the shared write path. */
export async function runSet(ctx: Ctx): Promise<number> {
  const [name, ...assignments] = ctx.args;
  if (!name) throw new UsageError('`providers set` needs NAME and at least one path=value');
  const unsets = (ctx.flags.unset as string[] | undefined) ?? [];
  const changes = parseChanges(assignments, unsets);
  if (!ctx.flag('dry-run')) await assertWritable(ctx);
  const fetched = await ctx.fetchProvider(name);
  let state = createFormState(fetched);
  for (const c of changes) state = applyChange(state, fetched, c);
  return writeProvider(ctx, { name, fetched, edits: toEdits(state) });
}
