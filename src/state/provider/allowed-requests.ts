/**
 * `custom_provider_config.allowed_requests` (CONTRACT.md §5.3). Upstream:
 * absent or null = every request type allowed (also ones added by future
 * gateways); present = only flags set to true are allowed, missing or false
 * flags are denied. Unknown flags are kept and shown.
 */
import { setOwn } from '../../api/json-limits.js';
import type { AllowedRequests } from '../../api/wire.js';

/** Request-type flags known to this client, in display order (upstream RequestType names). */
export const KNOWN_REQUEST_FLAGS: readonly string[] = [
  'list_models',
  'text_completion', 'text_completion_stream',
  'chat_completion', 'chat_completion_stream',
  'responses', 'responses_stream', 'responses_retrieve', 'responses_delete', 'responses_cancel', 'responses_input_items',
  'count_tokens', 'compaction',
  'embedding', 'rerank', 'ocr',
  'speech', 'speech_stream', 'transcription', 'transcription_stream',
  'image_generation', 'image_generation_stream', 'image_edit', 'image_edit_stream', 'image_variation',
  'video_generation', 'video_retrieve', 'video_download', 'video_delete', 'video_list', 'video_remix',
  'batch_create', 'batch_list', 'batch_retrieve', 'batch_cancel', 'batch_results', 'batch_delete',
  'file_upload', 'file_list', 'file_retrieve', 'file_delete', 'file_content',
  'container_create', 'container_list', 'container_retrieve', 'container_delete',
  'container_file_create', 'container_file_list', 'container_file_retrieve', 'container_file_content', 'container_file_delete',
  'passthrough', 'passthrough_stream',
  'websocket_responses', 'realtime',
  'cached_content_create', 'cached_content_list', 'cached_content_retrieve', 'cached_content_update', 'cached_content_delete',
];

const KNOWN: ReadonlySet<string> = new Set(KNOWN_REQUEST_FLAGS);

/** `all`: the object is absent (everything allowed). `only`: the flags object decides. */
export interface AllowedRequestsModel {
  readonly mode: 'all' | 'only';
  /** Flag → allowed, as it will be sent in `only` mode (unknown flags included). */
  readonly flags: Readonly<Record<string, boolean>>;
}

/** Model of a wire value (absent/null → `all`). */
export function fromWire(v: unknown): AllowedRequestsModel {
  if (v === null || v === undefined || typeof v !== 'object' || Array.isArray(v)) return { mode: 'all', flags: {} };
  const flags: Record<string, boolean> = {};
  for (const [k, val] of Object.entries(v)) setOwn(flags, k, val === true);
  return { mode: 'only', flags };
}

/** Wire value: `undefined` (remove the field) in `all` mode, else the flags object. */
export function toWire(m: AllowedRequestsModel): AllowedRequests | undefined {
  return m.mode === 'all' ? undefined : { ...m.flags };
}

/** Known flags first (in order), then flags only the gateway knows, sorted. */
export function flagNames(m: AllowedRequestsModel): string[] {
  const unknown = Object.keys(m.flags).filter((k) => !KNOWN.has(k)).sort();
  return [...KNOWN_REQUEST_FLAGS, ...unknown];
}

/** True when this client does not know the flag (kept and sent back as received). */
export function isUnknownFlag(flag: string): boolean {
  return !KNOWN.has(flag);
}

/** Whether the gateway would allow this request type. */
export function isAllowed(m: AllowedRequestsModel, flag: string): boolean {
  return m.mode === 'all' || m.flags[flag] === true;
}

/** `only` mode with everything currently allowed spelled out (so a first toggle changes one flag). */
function materialize(m: AllowedRequestsModel): AllowedRequestsModel {
  if (m.mode === 'only') return m;
  const flags: Record<string, boolean> = {};
  for (const f of flagNames(m)) setOwn(flags, f, true);
  return { mode: 'only', flags };
}

function setFlags(m: AllowedRequestsModel, names: readonly string[], to: (flag: string) => boolean): AllowedRequestsModel {
  const base = materialize(m);
  const flags = { ...base.flags };
  for (const f of names) setOwn(flags, f, to(f));
  return { mode: 'only', flags };
}

/** Flips one flag (from `all` mode: everything else stays allowed). */
export function toggle(m: AllowedRequestsModel, flag: string): AllowedRequestsModel {
  return setFlags(m, [flag], (f) => !isAllowed(m, f));
}

/** Allows `names` (default: every listed flag). In `all` mode everything is already allowed: unchanged. */
export function allOn(m: AllowedRequestsModel, names: readonly string[] = flagNames(m)): AllowedRequestsModel {
  return m.mode === 'all' ? m : setFlags(m, names, () => true);
}

/** Denies `names` (default: every listed flag). */
export function allOff(m: AllowedRequestsModel, names: readonly string[] = flagNames(m)): AllowedRequestsModel {
  return setFlags(m, names, () => false);
}

/** Inverts `names` (default: every listed flag). */
export function invert(m: AllowedRequestsModel, names: readonly string[] = flagNames(m)): AllowedRequestsModel {
  return setFlags(m, names, (f) => !isAllowed(m, f));
}

/** Flags whose name contains every word of `query` (`_`, `-` and spaces are interchangeable). */
export function filter(m: AllowedRequestsModel, query: string): string[] {
  const words = query.toLowerCase().split(/[\s_-]+/).filter(Boolean);
  return flagNames(m).filter((f) => words.every((w) => f.includes(w)));
}

/** Allowed / listed counts and the "N/M allowed" text. */
export function count(m: AllowedRequestsModel, names: readonly string[] = flagNames(m)): { allowed: number; total: number; text: string } {
  const allowed = names.filter((f) => isAllowed(m, f)).length;
  const text = m.mode === 'all' ? `all allowed (${names.length}/${names.length})` : `${allowed}/${names.length} allowed`;
  return { allowed, total: names.length, text };
}

/** `all` → absent; `only` → created from the current state (everything allowed when coming from `all`). */
export function setMode(m: AllowedRequestsModel, mode: 'all' | 'only'): AllowedRequestsModel {
  if (mode === m.mode) return m;
  return mode === 'all' ? { mode: 'all', flags: {} } : materialize(m);
}

/** The upstream meaning of the current state, for the screen. */
export function describe(m: AllowedRequestsModel): string {
  if (m.mode === 'all') {
    return 'allowed_requests is absent: every request type is allowed, including types added by newer gateways.';
  }
  const { allowed, total } = count(m);
  return `Only the ${allowed} flags set to true are allowed (of ${total} listed); missing or false flags, and request types added by newer gateways, are denied.`;
}
