/**
 * The plan of one complete-provider write, pure: a body from elsewhere
 * (another gateway, a file) made safe for the target (`portableBody`), the
 * edits that make the target match it, the changes, and why it may not be
 * written. `providers apply -f DIR`, `fleet push` and the fleet screen's
 * direct push all plan with `planWrite`; the write itself (re-read,
 * backup, PUT/POST) is an effect at the edges.
 */
import { setOwn } from '../../api/json-limits.js';
import { buildUpdateBody, getAtPath, type Edit } from '../../api/update-body.js';
import type { Provider } from '../../api/wire.js';
import { READ_ONLY_FIELDS } from '../../api/wire-fields.js';
import { checkEdits } from '../provider/check-edits.js';
import { diffObjects, type DiffEntry } from '../provider/diff.js';
import { buildEnvVar, envVarRef, envVarValue, isEnvVarObject } from '../provider/env-var.js';
import { isRedacted } from '../../api/secrets.js';
import { isPlainObject, jsonEqual } from '../json.js';
import type { WritePlan } from './review.js';
import { writablePart } from './dialect.js';
import { SAME_MASK, sameMasks } from './sameness.js';
import { fitToLine, type LinesOfCopy } from './cross-version.js';
import { keepCurrentSecrets, ownMaskPaths, staleMaskPaths } from './stale-masks.js';

/** Read-only fields a document may carry (e.g. `get --json` output); they are ignored. */
export const IGNORED_FIELDS: readonly string[] = READ_ONLY_FIELDS.filter((f) => f !== 'keys');

/** Blocks the gateway keeps as stored when a PUT omits them (CONTRACT §4.3): clearing one takes `null`. */
const KEPT_WHEN_OMITTED: ReadonlySet<string> = new Set(['proxy_config', 'openai_config', 'prompt_cache']);

/** Edits that make the writable fields of `original` exactly those of `target`. */
export function replaceEdits(original: Provider | Record<string, unknown>, target: Record<string, unknown>): Edit[] {
  const skip = new Set<string>(READ_ONLY_FIELDS);
  const edits: Edit[] = [];
  for (const k of Object.keys(original)) {
    if (skip.has(k) || k in target) continue;
    edits.push(KEPT_WHEN_OMITTED.has(k) ? { path: [k], value: null } : { path: [k], remove: true });
  }
  for (const [k, v] of Object.entries(target)) {
    if (!skip.has(k) && !(k in original && jsonEqual((original as Record<string, unknown>)[k], v))) edits.push({ path: [k], value: v });
  }
  return edits;
}

/**
 * Paths where `edits` would send a redacted value that differs from the
 * gateway's current one (it would be stored as the secret).
 */
export function staleMasks(original: Provider | Record<string, unknown>, edits: readonly Edit[]): string[] {
  return edits.flatMap((e) => (e.remove ? [] : staleMaskPaths(original, e.value, e.path)));
}

/**
 * A provider body from elsewhere (another gateway, a directory) made safe to
 * send to a gateway whose copy is `target` (undefined: not configured there):
 * - a redacted literal that is not the target's current mask is replaced by
 *   the target's own value (or left out) and reported in `notCopied`: the
 *   target would store the mask as the secret;
 * - a reference (`env.NAME`, `vault.…`) is sent as a reference, in the shape
 *   the target can resolve (`buildEnvVar`), unless the target already has it.
 */
export function portableBody(target: Provider | undefined, desired: Record<string, unknown>): { body: Record<string, unknown>; notCopied: string[] } {
  const base = target ?? ({ name: '' } as Provider);
  const refs = structuredClone(desired);
  const walk = (path: string[], v: unknown, set: (next: unknown) => void): void => {
    if (isEnvVarObject(v)) {
      const ref = envVarRef(v);
      const current = getAtPath(base, path);
      if (ref === undefined || jsonEqual(current, v)) return;
      set(envVarRef(current) === ref ? structuredClone(current) : buildEnvVar(current, ref));
    } else if (isPlainObject(v)) {
      for (const [k, child] of Object.entries(v)) walk([...path, k], child, (next) => setOwn(v, k, next));
    }
  };
  // References first, so their (masked) resolved values are not taken for plain secrets.
  for (const [k, v] of Object.entries(refs)) if (k !== 'keys') walk([k], v, (next) => setOwn(refs, k, next));
  const { body, kept } = keepCurrentSecrets(base, refs);
  return { body, notCopied: kept };
}

/** The complete body for `edits` over `fetched` (a stale mask replaced by the current secret, as every write does), and the changes it makes. */
export function planChanges(fetched: Provider, edits: readonly Edit[]): { body: Record<string, unknown>; changes: DiffEntry[] } {
  const { body } = keepCurrentSecrets(fetched, buildUpdateBody(fetched, edits));
  return { body, changes: diffObjects(buildUpdateBody(fetched, []), body) };
}

/** A mask in a placeholder style (`<REDACTED>`, `********`): it shows nothing of the secret behind it. */
function isPlaceholderMask(v: unknown): boolean {
  const text = typeof v === 'string' ? v : isEnvVarObject(v) && envVarRef(v) === undefined ? envVarValue(v) : undefined;
  return text !== undefined && isRedacted(text) && !(text.length === 32 && text.slice(4, 28) === '*'.repeat(24));
}

/** One planned write of a complete provider. */
export interface PlannedWrite {
  name: string;
  action: 'create' | 'update' | 'delete' | 'none';
  /** The gateway's copy when planned (absent for a create): each write re-reads and compares. */
  fetched?: Provider;
  /** The complete body to send (create/update). */
  body?: Record<string, unknown>;
  changes: DiffEntry[];
  /** Secret paths left as the gateway has them: the desired value is a mask that is not the target's (it cannot be copied). */
  notCopied: string[];
  /** Secret paths where both hold the same mask: the same as far as can be seen, which cannot be verified (left as they are). */
  unverified: string[];
  /** Fields the target's Bifrost line cannot hold, one line each (`prompt_cache: Bifrost v1.4 has no prompt_cache: not copied`): left as the target has them. */
  refused: string[];
  /** Why this provider is not written (validation). */
  errors: string[];
}

/** What a provider about to be created is checked against: its kind (fixed at creation) and nothing else. */
export function creationBase(name: string, desired: Record<string, unknown>): Provider {
  const cpc = desired.custom_provider_config as Record<string, unknown> | undefined;
  const kind = cpc && typeof cpc === 'object' && 'base_provider_type' in cpc ? { custom_provider_config: { base_provider_type: cpc.base_provider_type } } : {};
  return { name, ...kind } as Provider;
}

/**
 * The write making `name` on the target (`fetched`; undefined: not configured there) hold the writable fields
 * `desired`. `sameGateway`: `desired` came from this very gateway, so its masks are the target's own (and a mask
 * equal to the target's is its current secret, kept); otherwise an equal mask proves nothing (`unverified`).
 */
export function planWrite(name: string, desired: Record<string, unknown>, fetched: Provider | undefined, sameGateway = false, lines: LinesOfCopy = {}): PlannedWrite {
  // Each line decodes its own fields: what the target cannot hold is said, what only it has stays as it is.
  const fitted = fitToLine(desired, fetched as Record<string, unknown> | undefined, lines, new Set(READ_ONLY_FIELDS));
  const { body: portable, notCopied } = portableBody(fetched, fitted.desired);
  const original = fetched ?? creationBase(name, portable);
  const edits: Edit[] = replaceEdits(original, portable);
  const planned = planChanges(original, edits);
  const { body } = planned;
  // A new provider lists every field it sets.
  const changes = fetched ? planned.changes : diffObjects(undefined, body);
  const { errors } = checkEdits(original, edits);
  for (const p of staleMasks(original, edits)) errors.push(`${p}: holds a redacted value that is not this gateway's current one`);
  // From another gateway, equal masks prove nothing: neither two masks alike, nor a mask of what this one shows plain,
  // nor a placeholder that shows nothing (v1.4's `<REDACTED>`) against another mask: those are not "differs" either.
  const blind = fetched && !sameGateway ? notCopied.filter((path) => [getAtPath(desired, path.split('.')), getAtPath(fetched, path.split('.'))].some(isPlaceholderMask)) : [];
  const unverified = fetched && !sameGateway
    ? [...sameMasks(writablePart('provider', desired), writablePart('provider', fetched)), ...ownMaskPaths(fetched, fitted.desired), ...blind]
    : [];
  const action = !fetched ? 'create' : changes.length > 0 ? 'update' : 'none';
  return { name, action, fetched, body, changes, notCopied: notCopied.filter((p) => !blind.includes(p)), unverified, refused: fitted.refused, errors: [...new Set(errors)] };
}

/** The write pipeline's plan of a planned write (the body becomes edits of the copy it was planned against). */
export function writePlanOf(p: PlannedWrite): WritePlan {
  if (p.action === 'create' || !p.fetched) return { action: 'create', body: p.body ?? {} };
  if (p.action === 'delete') return { action: 'delete', base: p.fetched };
  return { action: 'update', base: p.fetched, edits: replaceEdits(p.fetched, p.body ?? {}) };
}

/**
 * One line per field a write leaves as the target has it: `path differs and cannot be copied` / `path: same mask,
 * cannot be verified` for secrets, and what the target's Bifrost line cannot hold.
 */
export function secretsLeft(p: Pick<PlannedWrite, 'notCopied' | 'unverified'> & { refused?: readonly string[] }): string[] {
  return [
    ...p.notCopied.map((path) => `${path} differs and cannot be copied: set it on the target`),
    ...p.unverified.map((path) => `${path}: ${SAME_MASK} (left as the target has it)`),
    ...(p.refused ?? []),
  ];
}

/** One line naming the secrets a push leaves as the target has them (undefined: none). */
export function pushLeftNote(p: Pick<PlannedWrite, 'notCopied' | 'unverified'> & { refused?: readonly string[] }): string | undefined {
  const left = secretsLeft(p);
  return left.length > 0 ? left.join('; ') : undefined;
}

/** A saved version as the body that creates it again: its writable fields (read-only ones and the history's own key left out). */
export function restorableBody(saved: Record<string, unknown>): Record<string, unknown> {
  const { _bifrost_tui: _meta, ...rest } = saved;
  return buildUpdateBody(rest as Provider, []);
}
