/**
 * Provider documents on disk: export (a complete PUT body plus the
 * client-only `_bifrost_tui` key), reading files or stdin, and the
 * fingerprint that tells whether the gateway changed since an export.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { buildUpdateBody } from '../api/update-body.js';
import type { Provider } from '../api/wire.js';
import { normalizeForCompare } from '../state/provider/diff.js';
import { stableStringify } from '../state/provider/same-value.js';
import { writeFileAtomic } from '../store/fs-util.js';
import { StoreError } from '../store/store-error.js';
import { CommandError, UsageError, type Ctx } from './command-context.js';
import { EXIT } from '../state/exit-codes.js';
import { documentSyntax, formatData, parseDocument } from './data-format.js';

/**
 * Top-level key of exported files that `apply`/`diff` strip and never send.
 * The real gateway ignores unknown fields, so the file stays a valid PUT body.
 */
export const META_KEY = '_bifrost_tui';

/** What `export` records about where a document came from. */
export interface ExportMeta {
  /** sha256 of the provider as exported, normalized (see `fingerprint`). */
  exported_from: string;
  provider: string;
  /** Written by older versions only: a timestamp made re-exports differ when nothing changed. */
  at?: string;
  note?: string;
}

/**
 * sha256 of the canonical, normalized provider: read-only fields dropped,
 * gateway-filled defaults and EnvVar wire shapes collapsed (the shared
 * `normalizeForCompare`), keys sorted. So a default appearing, or a redaction
 * shape changing, is not taken for somebody else's edit.
 */
export function fingerprint(p: Provider | Record<string, unknown>): string {
  return createHash('sha256').update(stableStringify(normalizeForCompare(p))).digest('hex');
}

/** The export document: the meta key (no timestamp, so an unchanged provider exports the same), then exactly what a PUT would send. */
export function exportDocument(p: Provider): Record<string, unknown> {
  const meta: ExportMeta = {
    exported_from: fingerprint(p),
    provider: p.name,
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
export function exportText(p: Provider): string {
  return `${JSON.stringify(sortKeysDeep(exportDocument(p)), null, 2)}\n`;
}

/** The export as YAML (`export -o yaml`): the same document, keys sorted, which `apply -f` reads as well. */
export function exportYamlText(p: Provider): string {
  return formatData(sortKeysDeep(exportDocument(p)), 'yaml');
}

/** Writes a file readable by the owner only (the export holds redacted secrets and header values). */
export function writePrivateFile(file: string, text: string): void {
  try {
    // A temp file created exclusively next to it, then renamed: a symlink at `file` is replaced, never written through.
    writeFileAtomic(file, text);
  } catch (err) {
    const cause = err instanceof StoreError ? (err.cause as NodeJS.ErrnoException | undefined) : (err as NodeJS.ErrnoException);
    throw new CommandError(`cannot write ${file}: ${cause?.code ?? (err as Error).message}`, EXIT.changes);
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  return text;
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
  if (file === '-') {
    ctx.stdinUsed = true;
    text = await readAll(ctx.io.stdin);
  } else {
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
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
  return { exported_from: m.exported_from, provider: String(m.provider ?? ''), ...(typeof m.at === 'string' ? { at: m.at } : {}) };
}

/** Why applying `doc` to the fetched provider would overwrite someone else's change, or undefined. */
export function conflictOf(doc: ProviderDocument, name: string, fetched: Provider): string | undefined {
  if (!doc.meta) return undefined;
  if (doc.meta.provider && doc.meta.provider !== name) {
    return `${doc.source} was exported from provider "${doc.meta.provider}", not "${name}"`;
  }
  if (doc.meta.exported_from !== fingerprint(fetched)) {
    return `${name} changed on the gateway since ${doc.source} was exported${doc.meta.at ? ` (${doc.meta.at})` : ''}`;
  }
  return undefined;
}
