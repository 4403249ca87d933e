/**
 * A provider's settings moved between gateways of different Bifrost lines
 * (`fleet push`, `apply -f DIR`, `fleet diff`), pure. Each line decodes its
 * own set of fields (VERSIONS.md §2, §3.1, §3.3): a field the target's line
 * does not have is not copied and said so, one line per field; a field only
 * the target's line has is left as the target has it (the source cannot say
 * anything about it); a vault reference goes only to a line that reads them.
 */
import { getAtPath } from '../../api/update-body.js';
import { LINE_RULES, SUB_RULES, type VersionRules } from '../../api/versions/version-rules.js';
import { VERSION_LINES } from '../../api/versions/gateway-version.js';
import { secretReference } from '../../api/versions/secret-dialect.js';
import { setOwn } from '../../api/json-limits.js';
import { isSecretPath } from '../../api/secrets.js';
import { isPlainObject, jsonEqual } from '../json.js';
import { isEnvVarObject } from '../provider/env-var.js';

/** The Bifrost lines on both ends of a copy, when known. */
export interface LinesOfCopy {
  /** The line the settings go to. */
  target?: VersionRules;
  /** The line they come from (undefined: a file, or not known). */
  source?: VersionRules;
}

/** Every top-level provider field some line decodes. */
const ANY_LINE: ReadonlySet<string> = new Set([
  ...Object.values(LINE_RULES).flatMap((r) => r.providerFields),
  ...SUB_RULES.flatMap((s) => s.set.providerFields ?? []),
]);
/** Every network setting some line lacks. */
const LATE_NETWORK: ReadonlySet<string> = new Set(Object.values(LINE_RULES).flatMap((r) => r.networkFieldsAbsent));

/** `setting=value` of every line's server default for an unset network setting. */
const ANY_DEFAULT: ReadonlySet<string> = new Set(Object.values(LINE_RULES).flatMap((r) => Object.entries(r.networkDefaults).map(([k, v]) => `${k}=${v}`)));

/** A value that sets nothing: absent, null, false, 0, empty text, an empty list or block. */
function setsNothing(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  return isPlainObject(v) && Object.keys(v).length === 0;
}

/** Whether `line` decodes the top-level field `field` (fields no line is known to decode count as decoded: unknown fields round-trip). */
export function lineHasField(line: VersionRules, field: string): boolean {
  return !ANY_LINE.has(field) || line.providerFields.includes(field);
}

const LINES = VERSION_LINES;

/** Whether a line after `line` decodes the top-level field `field` (v2's `ignore_provider_cost` for a v1.4 target). */
function laterField(line: VersionRules, field: string): boolean {
  const later = LINES.slice(LINES.indexOf(line.line) + 1);
  return later.some((l) => LINE_RULES[l].providerFields.includes(field)) || SUB_RULES.some((s) => later.includes(s.line) && (s.set.providerFields ?? []).includes(field));
}

/** Whether `line` has the network setting `field`. */
export function lineHasNetworkField(line: VersionRules, field: string): boolean {
  return !LATE_NETWORK.has(field) || !line.networkFieldsAbsent.includes(field);
}

/**
 * `desired` (writable fields from a gateway of the `source` line) fitted to
 * the `target` line, with `fetched` the target's copy:
 * - a field the source's line decodes and the target's does not is not
 *   copied (one line each when it sets something) and stays as the target has it;
 * - a field the source's line does not decode (it cannot say anything about
 *   it) stays as the target has it where the target's line decodes it, and
 *   goes as it is where neither does (echoed fields round-trip);
 * - a vault reference to a line without vaults is not copied (one line).
 * Without a known source (a file: desired state written for this gateway)
 * a field the target's line does not decode is not sent (one line each when
 * it sets something), and the references are fitted. `readOnly`: fields never written.
 */
export function fitToLine(desired: Record<string, unknown>, fetched: Record<string, unknown> | undefined, lines: LinesOfCopy, readOnly: ReadonlySet<string>): { desired: Record<string, unknown>; refused: string[] } {
  const { target, source } = lines;
  const out = structuredClone(desired);
  const refused: string[] = [];
  // What the target's copy holds of a field stays as it is.
  const keepTarget = (parent: Record<string, unknown>, k: string, theirs: unknown): void => {
    if (theirs === undefined) delete parent[k];
    else setOwn(parent, k, structuredClone(theirs));
  };
  if (target && source) {
    for (const k of new Set([...Object.keys(out), ...Object.keys(fetched ?? {})])) {
      if (readOnly.has(k)) continue;
      const theirs = fetched?.[k];
      if (lineHasField(source, k)) {
        if (lineHasField(target, k) || !(k in out)) continue;
        if (!setsNothing(out[k]) && !jsonEqual(out[k], theirs)) refused.push(`${k}: Bifrost ${target.line} has no ${k}: not copied`);
        keepTarget(out, k, theirs);
      } else if (lineHasField(target, k)) keepTarget(out, k, theirs);
    }
    const mine = isPlainObject(out.network_config) ? out.network_config : undefined;
    const theirNet = isPlainObject(fetched?.network_config) ? fetched.network_config : {};
    if (mine) {
      for (const k of new Set([...Object.keys(mine), ...Object.keys(theirNet)])) {
        if (lineHasNetworkField(source, k)) {
          if (lineHasNetworkField(target, k) || !(k in mine)) continue;
          // A server default the source shows for an unset value is not a setting.
          const v = mine[k];
          if (!setsNothing(v) && !jsonEqual(v, theirNet[k]) && source.networkDefaults[k] !== v) refused.push(`network_config.${k}: Bifrost ${target.line} has no such setting: not copied`);
          keepTarget(mine, k, theirNet[k]);
        } else if (lineHasNetworkField(target, k)) keepTarget(mine, k, theirNet[k]);
      }
    }
  } else if (target) {
    // A file (no source line): a field of a later line than the target's is not sent, and said when it sets something
    // (an older line's field, v1.4's `pricing_overrides`, goes as it is: a later gateway ignores it, as any unknown field).
    for (const k of Object.keys(out)) {
      if (readOnly.has(k) || lineHasField(target, k) || !laterField(target, k)) continue;
      if (!setsNothing(out[k]) && !jsonEqual(out[k], fetched?.[k])) refused.push(`${k}: Bifrost ${target.line} has no ${k}: not copied`);
      keepTarget(out, k, fetched?.[k]);
    }
    const mine = isPlainObject(out.network_config) ? out.network_config : undefined;
    const theirNet = isPlainObject(fetched?.network_config) ? fetched.network_config : {};
    for (const k of Object.keys(mine ?? {})) {
      if (!mine || lineHasNetworkField(target, k)) continue;
      // A server default an export shows for an unset value (v2's keep-alive 30 s) is not a setting.
      if (!setsNothing(mine[k]) && !jsonEqual(mine[k], theirNet[k]) && !ANY_DEFAULT.has(`${k}=${String(mine[k])}`)) refused.push(`network_config.${k}: Bifrost ${target.line} has no such setting: not copied`);
      keepTarget(mine, k, theirNet[k]);
    }
  }
  if (target && (!target.vaultReferences || target.noReferences.length > 0)) {
    const walk = (path: string[], v: unknown, set: (next: unknown) => void): void => {
      const dotted = path.join('.');
      const ref = (typeof v === 'string' && isSecretPath(dotted)) || isEnvVarObject(v) ? secretReference(v) : undefined;
      const unread = ref === undefined ? undefined
        : target.noReferences.includes(dotted) ? `Bifrost ${target.line} reads this setting as plain text, not as a reference`
        : ref.startsWith('vault.') && !target.vaultReferences ? `a vault reference, which Bifrost ${target.line} does not read (v1.6 and later do)` : undefined;
      if (ref !== undefined && unread) {
        // The same reference the target holds already is no change (it cannot be one there).
        if (secretReference(getAtPath(fetched, path)) !== ref) refused.push(`${dotted}: ${ref} is ${unread.startsWith('a vault') ? unread : `a reference, and ${unread}`}: not copied, left as the target has it`);
        set(getAtPath(fetched, path));
      } else if (isPlainObject(v) && !isEnvVarObject(v)) {
        for (const [k, child] of Object.entries(v)) walk([...path, k], child, (next) => (next === undefined ? delete v[k] : setOwn(v, k, next)));
      }
    };
    for (const [k, v] of Object.entries(out)) walk([k], v, (next) => (next === undefined ? delete out[k] : setOwn(out, k, next)));
  }
  return { desired: out, refused };
}
