/**
 * Editing a whole provider as one document in $EDITOR (like `kubectl edit`),
 * pure: the text the editor opens (a comment header, then the editable
 * object as JSON or YAML, secrets as the gateway masked them), and what the
 * saved text means: cancelled (empty), unchanged, invalid (the reasons go
 * back to the top of the file as comments), or the edits to review and write
 * through the pipeline. The form's rules check it (`checkEdits`).
 */
import type { Edit } from '../../api/update-body.js';
import { buildUpdateBody } from '../../api/update-body.js';
import type { Provider } from '../../api/wire.js';
import { READ_ONLY_FIELDS } from '../../api/wire-fields.js';
import { documentSyntax, formatData, parseDocument } from '../data-format.js';
import { jsonEqual } from '../json.js';
import { replaceEdits } from '../write-rules/provider-write-plan.js';
import { checkEdits } from './check-edits.js';
import { DESCRIPTORS } from './descriptors.js';
import { unknownFields } from './known-fields.js';
import type { EditFormat } from './edit-format.js';


/** Client-only key of exported files: taken out, never sent. */
const META_KEY = '_bifrost_tui';

/** What the saved text means. */
export type EditResult =
  /** The file was emptied: the edit is given up. */
  | { kind: 'cancelled' }
  /** The object is what the gateway has. */
  | { kind: 'unchanged' }
  /** Why it cannot be written as it is: shown at the top of the file when it opens again. */
  | { kind: 'invalid'; errors: string[] }
  | { kind: 'edited'; body: Record<string, unknown>; edits: Edit[] };

/** Where the edit happens, for the header. */
export interface EditPlace {
  provider: string;
  /** `prod-us-east (https://…)`, or the URL. */
  gateway: string;
}

/** Where an edit is: the provider, and the gateway as `profile (url)` or its URL. */
export function editPlace(provider: string, at: { profile?: string | undefined; url: string }): EditPlace {
  return { provider, gateway: at.profile ? `${at.profile} (${at.url})` : at.url };
}

function sortKeysDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeysDeep);
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, sortKeysDeep(o[k])]));
}

/** The comment lines at the top of the file: how it works, then `notes` (errors, a conflict), one `#` line each. */
export function editHeader(place: EditPlace, format: EditFormat, notes: readonly string[] = []): string {
  const lines = [
    `Editing ${place.provider} on ${place.gateway} (${format.toUpperCase()}). Save and quit to review the`,
    'change: nothing is sent before you confirm it. Lines starting with # are ignored; an',
    'empty file gives the edit up. Read-only fields (name, status, keys, ...) are not here.',
    'Secrets are masked: leave a mask as it is to keep that secret; replace it with the',
    'new value or a reference (env.NAME) to change it.',
  ];
  const all = notes.length > 0 ? lines.concat('', notes.flatMap((n) => n.split('\n'))) : lines;
  return all.map((l) => (l ? `# ${l}` : '#')).join('\n') + '\n';
}

/** The editable object of `provider` as a document (keys sorted, like an export). */
export function editBody(provider: Provider | Record<string, unknown>, format: EditFormat): string {
  return formatData(sortKeysDeep(buildUpdateBody(provider as Provider, [])), format);
}

/** The whole file: the header and the document. */
export function editText(place: EditPlace, provider: Provider | Record<string, unknown>, format: EditFormat, notes: readonly string[] = []): string {
  return editHeader(place, format, notes) + editBody(provider, format);
}

/** `text` without its leading comment block (the header this client wrote, and any notes in it). */
export function withoutHeader(text: string): string {
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length && /^\s*#/.test(lines[i]!)) i++;
  return lines.slice(i).join('\n');
}

/** The same text under a new header: the user's document is kept byte for byte. */
export function withHeader(place: EditPlace, format: EditFormat, text: string, notes: readonly string[]): string {
  return editHeader(place, format, notes) + withoutHeader(text);
}

/** JSON has no comments: lines starting with `#` are taken out before it is read (as kubectl does). */
function documentOf(text: string, format: EditFormat): string {
  return format === 'json' || documentSyntax(withoutHeader(text)) === 'JSON' ? text.split('\n').filter((l) => !/^\s*#/.test(l)).join('\n') : text;
}

/** What the saved `text` means for `original` (the gateway's copy the edit started from). */
export function readEdited(text: string, format: EditFormat, original: Provider): EditResult {
  const source = documentOf(text, format);
  if (source.split('\n').every((l) => l.trim() === '' || /^\s*#/.test(l))) return { kind: 'cancelled' };
  let doc: unknown;
  try {
    doc = parseDocument(source);
  } catch (err) {
    return { kind: 'invalid', errors: [`not valid ${documentSyntax(source)}: ${(err as Error).message.split('\n')[0]}`] };
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return { kind: 'invalid', errors: [`the file must hold one object (the provider), not ${Array.isArray(doc) ? 'a list' : doc === null ? 'null' : typeof doc}`] };
  }
  const { [META_KEY]: _meta, ...body } = doc as Record<string, unknown>;
  const errors: string[] = [];
  for (const field of READ_ONLY_FIELDS) {
    if (!(field in body)) continue;
    if (field === 'keys') errors.push('keys: not edited here (keys have their own screen: y; or `bifrost-tui keys`)');
    else if (!jsonEqual(body[field], (original as Record<string, unknown>)[field])) errors.push(`${field}: read-only, it cannot be changed (take it out)`);
    delete body[field];
  }
  for (const u of unknownFields(body, original)) {
    errors.push(`${u.field}: no such field (not on the gateway's copy, not known to this client; the gateway would ignore it)${u.suggestion ? `; did you mean ${u.suggestion}?` : ''}`);
  }
  if (errors.length > 0) return { kind: 'invalid', errors };
  const edits = replaceEdits(original, body);
  if (edits.length === 0) return { kind: 'unchanged' };
  const checked = checkEdits(original, edits);
  if (checked.errors.length > 0) return { kind: 'invalid', errors: checked.errors.map(withPath) };
  return { kind: 'edited', body, edits };
}

/** The form's messages name a field by its label (`Max retries: …`); in a file its path says where. */
function withPath(message: string): string {
  const d = DESCRIPTORS.find((x) => message.startsWith(`${x.label}: `));
  return d ? `${d.id} (${message.slice(0, d.label.length)})${message.slice(d.label.length)}` : message;
}

/** The note at the top of a file reopened because it could not be used. */
export function errorNotes(errors: readonly string[]): string[] {
  return ['ERROR: the file was not sent. Fix what is below, then save again (an empty file gives up):', ...errors.map((e) => `  ${e}`)];
}

/**
 * The file reopened after someone else changed the provider: the gateway's copy now with the
 * user's edits re-applied on it, under a note naming what changed (`theirs`) and what both changed.
 */
export function reopenedAfterConflict(place: EditPlace, format: EditFormat, current: Record<string, unknown>, reapplied: readonly Edit[], change: { theirs: readonly string[]; overlaps: readonly string[] }): string {
  return withHeader(place, format, editBody(buildUpdateBody(current, reapplied), format), conflictNotes(place.provider, change.theirs, change.overlaps));
}

/** The note at the top of a file reopened after someone else changed the provider. */
function conflictNotes(provider: string, theirs: readonly string[], overlaps: readonly string[]): string[] {
  return [
    `CHANGED ON THE GATEWAY while you edited: ${provider}'s ${theirs.join(', ')}. Nothing was sent.`,
    'Your edits are re-applied below onto the gateway\'s new copy' + (overlaps.length ? ` (both changed ${overlaps.join(', ')}: yours kept).` : '.'),
    'Check it, then save again to review.',
  ];
}
