/**
 * Provider documents on disk: export (a complete PUT body plus the
 * client-only `_bifrost_tui` key), reading files or stdin, and the
 * fingerprint that tells whether the gateway changed since an export.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { LOCAL_LIMITS, LocalFileError, readLocalText, readStreamCapped } from '../api/local-file.js';
import { buildUpdateBody } from '../api/update-body.js';
import type { Provider } from '../api/wire.js';
import { normalizeForCompare } from '../state/provider/diff.js';
import { stableStringify } from '../state/json.js';
import { writablePart } from '../state/write-rules/dialect.js';
import { writeFileAtomic } from '../store/fs-util.js';
import { StoreError } from '../store/store-error.js';
import { type Ctx } from './command-context.js';
import { CommandError, UsageError } from './command-errors.js';
import { EXIT } from '../state/exit-codes.js';
import { documentSyntax, formatData, parseDocument } from '../state/data-format.js';

/**
 * Top-level key of exported files that `apply`/`diff` strip and never send.
 * The real gateway ignores unknown fields, so the file stays a valid PUT body.
 */
export const META_KEY = '_bifrost_tui';

/** What `export` records about where a document came from. */
export interface ExportMeta {
  /** sha256 of the provider as exported (see `fingerprint`). */
  exported_from: string;
  provider: string;
  /** The gateway it was exported from (its URL): its masks are that gateway's own. */
  gateway?: string;
  /** Written by older versions only: a timestamp made re-exports differ when nothing changed. */
  at?: string;
  note?: string;
}

/**
 * sha256 of the writable part of the provider (read-only fields dropped, keys
 * sorted): the one conflict rule of the write pipeline, so any change since
 * the export (to a default, an unset, a 0 or a null too) is one.
 */
export function fingerprint(p: Provider | Record<string, unknown>): string {
  return createHash('sha256').update(stableStringify(writablePart('provider', p))).digest('hex');
}

/** The fingerprint older versions wrote (unset values, defaults and EnvVar shapes collapsed): still accepted for their files. */
function legacyFingerprint(p: Provider | Record<string, unknown>): string {
  return createHash('sha256').update(stableStringify(normalizeForCompare(p))).digest('hex');
}

/** True when a document's fingerprint is the one of `fetched` (by today's rule, or by the looser one of older exports). */
export function exportedFrom(meta: ExportMeta | undefined, fetched: Provider): boolean {
  return meta !== undefined && (meta.exported_from === fingerprint(fetched) || meta.exported_from === legacyFingerprint(fetched));
}

/** The export document: the meta key (no timestamp, so an unchanged provider exports the same), then exactly what a PUT would send. */
export function exportDocument(p: Provider, gateway?: string): Record<string, unknown> {
  const meta: ExportMeta = {
    exported_from: fingerprint(p),
    provider: p.name,
    ...(gateway ? { gateway } : {}),
    note: 'bifrost-tui metadata: `providers apply` checks it and never sends it',
  };
  return { [META_KEY]: meta, ...buildUpdateBody(p, []) };
}

function sortKeysDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeysDeep);
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, sortKeysDeep(o[k])]));
}

/** The file text of an export: sorted keys, two-space indent, trailing newline, so git diffs show only real changes. */
export function exportText(p: Provider, gateway?: string): string {
  return `${JSON.stringify(sortKeysDeep(exportDocument(p, gateway)), null, 2)}\n`;
}

/** The export as YAML (`export -o yaml`): the same document, keys sorted, which `apply -f` reads as well. */
export function exportYamlText(p: Provider, gateway?: string): string {
  return formatData(sortKeysDeep(exportDocument(p, gateway)), 'yaml');
}

/** How `-o FILE` is written, from what is at FILE now. */
export type OutputTarget = 'replace' | 'stream' | { refuse: string };

/**
 * Absent, a regular file or a symlink (to a file, or dangling): replaced
 * atomically. A character device or a FIFO, also behind a symlink
 * (`/dev/stdout`, `/dev/null`, a pipe): written to as a stream, never
 * replaced. Anything else (a directory, a socket, a block device): refused.
 */
export function outputTarget(file: string): OutputTarget {
  let link: fs.Stats;
  try {
    link = fs.lstatSync(file);
  } catch {
    return 'replace';
  }
  if (link.isFile()) return 'replace';
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(file);
  } catch {
    st = undefined; // a dangling symlink
  }
  if (st && (st.isCharacterDevice() || st.isFIFO())) return 'stream';
  if (link.isSymbolicLink() && (st === undefined || st.isFile())) return 'replace';
  const what = st?.isDirectory() ? 'a directory' : st?.isBlockDevice() ? 'a block device' : st?.isSocket() ? 'a socket' : 'not a regular file';
  return { refuse: `it is ${what}` };
}

/**
 * Writes an export, readable by the owner only (it holds redacted secrets
 * and header values); see outputTarget for what is replaced and what is
 * written through. A failed write is one line, exit 1.
 */
export async function writePrivateFile(file: string, text: string): Promise<void> {
  const target = outputTarget(file);
  if (typeof target === 'object') throw new CommandError(`cannot write ${file}: ${target.refuse}; nothing was written`, EXIT.changes);
  try {
    // A FIFO without a reader blocks the open: off the main thread, so ^C still ends the command.
    if (target === 'stream') await fs.promises.writeFile(file, text, { flag: 'w' });
    // A temp file created exclusively next to it, then renamed: a symlink at `file` is replaced, never written through.
    else writeFileAtomic(file, text);
  } catch (err) {
    const cause = err instanceof StoreError ? (err.cause as NodeJS.ErrnoException | undefined) : (err as NodeJS.ErrnoException);
    throw new CommandError(`cannot write ${file}: ${cause?.code ?? (err as Error).message}`, EXIT.changes);
  }
}

/** A parsed document and its meta (absent for hand-written files). */
export interface ProviderDocument {
  source: string;
  body: Record<string, unknown>;
  meta?: ExportMeta;
}

/** Reads `-f FILE` (`-` = stdin) as a JSON object; a bad file is a validation error (exit 3). */
export async function readDocument(ctx: Ctx, file: string | undefined): Promise<ProviderDocument> {
  if (file === undefined || file === '') throw new UsageError('-f FILE is required (use -f - for stdin)');
  let text: string;
  const source = file === '-' ? 'stdin' : file;
  try {
    if (file === '-') {
      ctx.stdinUsed = true;
      text = await readStreamCapped(ctx.io.stdin, LOCAL_LIMITS.document, 'stdin');
    } else text = await readLocalText(file, LOCAL_LIMITS.document);
  } catch (err) {
    if (!(err instanceof LocalFileError)) throw err;
    const code = (err.cause as NodeJS.ErrnoException | undefined)?.code;
    throw new UsageError(`cannot read ${err.file}: ${code ?? err.reason}`);
  }
  let doc: unknown;
  try {
    doc = parseDocument(text);
  } catch (err) {
    throw new CommandError(`${source} is not valid ${documentSyntax(text)}: ${(err as Error).message.split('\n')[0]}`, EXIT.validation);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new CommandError(`${source} must hold one JSON object (a provider), got ${Array.isArray(doc) ? 'an array' : typeof doc}`, EXIT.validation);
  }
  const { [META_KEY]: rawMeta, ...body } = doc as Record<string, unknown>;
  return { source, body, meta: parseMeta(rawMeta, source) };
}

function parseMeta(raw: unknown, source: string): ExportMeta | undefined {
  if (raw === undefined) return undefined;
  const m = raw as Partial<ExportMeta> | null;
  if (!m || typeof m !== 'object' || typeof m.exported_from !== 'string' || !/^[0-9a-f]{64}$/.test(m.exported_from)) {
    throw new CommandError(`${source}: "${META_KEY}" is not export metadata (expected {"exported_from": "<sha256>", ...}); remove it or re-export`, EXIT.validation);
  }
  return {
    exported_from: m.exported_from, provider: String(m.provider ?? ''),
    ...(typeof m.gateway === 'string' ? { gateway: m.gateway } : {}),
    ...(typeof m.at === 'string' ? { at: m.at } : {}),
  };
}

/** Why applying `doc` to the fetched provider would overwrite someone else's change, or undefined. */
export function conflictOf(doc: ProviderDocument, name: string, fetched: Provider): string | undefined {
  if (!doc.meta) return undefined;
  if (doc.meta.provider && doc.meta.provider !== name) {
    return `${doc.source} was exported from provider "${doc.meta.provider}", not "${name}"`;
  }
  if (!exportedFrom(doc.meta, fetched)) {
    return `${name} changed on the gateway since ${doc.source} was exported${doc.meta.at ? ` (${doc.meta.at})` : ''}`;
  }
  return undefined;
}
