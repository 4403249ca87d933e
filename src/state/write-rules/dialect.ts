/**
 * The seam where a gateway's version plugs into the write pipeline (DESIGN.md
 * rule 11): one `WriteDialect` per detected version, made from that line's
 * rules (src/api/versions: the table, `providerPutBody`, `keysWithChange`,
 * the secret dialect). The pipeline and the pure reviews ask it:
 * - `readOnlyFields`: which fields a target of a kind cannot take. Everything
 *   else is writable there: part of the conflict rule (on v1.4 a provider's
 *   `keys` too: a key added meanwhile is a change).
 * - `writeBody`: the exact body to send for the object as fetched plus the
 *   planned edits, or a refusal (it throws): v1.4 sends a provider's `keys`
 *   back whole as the gateway has them; a new secret goes in a shape the
 *   line reads (never `{value, ref, type}` to v1.4/v1.5, never `vault.` before
 *   v1.6); removing an optional block sends `null` (v2 keeps an omitted one).
 * - `keysInProvider` / `carrierBody`: on v1.4 a key write is a provider PUT
 *   carrying every key of the provider as the gateway has them, with the one change.
 * - `warnings`: what the review should say (a v2 admin-session gate with the
 *   dashboard auth off, a new v1.4 key that the gateway enables).
 */
import { applyEdit, cloneJson, type Edit } from '../../api/update-body.js';
import { isRedacted, isSecretPath } from '../../api/secrets.js';
import { KEY_READ_ONLY_FIELDS } from '../../api/wire-fields.js';
import { gatedChanges, keysWithChange, providerPutBody, type KeyListChange } from '../../api/versions/dialect.js';
import { LINE_RULES, rulesFor, type VersionRules } from '../../api/versions/version-rules.js';
import type { GatewayVersion } from '../../api/versions/gateway-version.js';
import { secretForTarget, secretLiteral, secretObjectShape, secretReference } from '../../api/versions/secret-dialect.js';
import { isEnvVarObject } from '../provider/env-var.js';
import { isPlainObject } from '../json.js';

/** What a write changes: a provider (its config) or one of its keys. */
export type TargetKind = 'provider' | 'key';

type Obj = Record<string, unknown>;

/** What a body is built for: an update (default) of the gateway's copy `current`, or a create. */
export interface BodyContext {
  readonly action?: 'update' | 'create';
  /** The gateway's copy the write is checked against (echoed fields, v1.4's `keys`, come from it). */
  readonly current?: Obj | null;
}

/** A gateway version's rules for writing. Pure. */
export interface WriteDialect {
  /** The release line, for messages (`v1.4`). */
  readonly name: string;
  /** The exact rules (line, sub-rules, gates): two dialects with the same id write the same bodies. */
  readonly id: string;
  readonly rules: VersionRules;
  /** v1.4: keys live inside their provider; a key write is a provider PUT carrying every key (`carrierBody`). */
  readonly keysInProvider: boolean;
  /** The top-level fields a target of `kind` cannot take on this version (read-only or computed). */
  readOnlyFields(kind: TargetKind): ReadonlySet<string>;
  /**
   * The exact body of a write: `fetched` (the object as the gateway sent it;
   * for a create, the desired object) with `edits` applied and the read-only
   * fields left out. Unknown fields and redacted values go back byte for byte.
   * Throws to refuse (this version cannot take the write): the message is the
   * review's problem, and the commit sends nothing.
   */
  writeBody(kind: TargetKind, fetched: Obj, edits: readonly Edit[], context?: BodyContext): Obj;
  /** v1.4: the provider PUT body carrying one key write, from the provider as the gateway has it (`carrier`). Throws to refuse. */
  carrierBody(provider: string, carrier: Obj, change: KeyListChange): Obj;
  /** What a review of `before` → `after` should say (`asked`: what the writer asked for, e.g. a new key's body). */
  warnings(kind: TargetKind, before: Obj | undefined, after: Obj, asked?: Obj): string[];
}

const KEY_READ_ONLY: ReadonlySet<string> = new Set(KEY_READ_ONLY_FIELDS);
const VAULT = /^vault\.\S+$/;
/** The members a secret object (EnvVar, SecretVar, in any wire shape) may have. */
const SECRET_MEMBERS: ReadonlySet<string> = new Set(['value', 'env_var', 'from_env', 'ref', 'type', 'from_vault', 'vault_var']);

/** Provider paths whose value is a secret, or a secret-like value shaped as an EnvVar. */
const isProviderSecretPath = (path: readonly string[]): boolean => isSecretPath(path.join('.'));
/** Key paths holding secrets or references: the value and any field of a `*_key_config` block. */
const isKeySecretPath = (path: readonly string[]): boolean => path[0] === 'value' || (path.length >= 2 && /_key_config$/.test(path[0] ?? ''));

/**
 * A value (anywhere under an edit) made readable by this line: a secret
 * object in a shape the line does not read becomes the portable plain string
 * of its reference or literal; at a path the line keeps as a plain string
 * (v1.4's proxy fields) every secret object becomes one. A mask is left as it
 * is (the stale-mask policy keeps the gateway's secret in its place); a vault
 * reference on a line without vaults is refused.
 */
function readableBy(rules: VersionRules, kind: TargetKind, path: readonly string[], v: unknown): unknown {
  const dotted = path.join('.');
  const secretPath = kind === 'provider' ? isProviderSecretPath(path) : isKeySecretPath(path);
  if (typeof v === 'string') {
    if (kind === 'provider' && rules.noReferences.includes(dotted) && secretReference(v) !== undefined) {
      throw new Error(`${dotted}: Bifrost ${rules.line} reads this setting as plain text, so ${v.trim()} would be its value, not a reference; nothing was sent`);
    }
    if (secretPath && VAULT.test(v.trim()) && !rules.vaultReferences) {
      throw new Error(`${dotted}: ${v.trim()} is a vault reference, which Bifrost ${rules.line} does not read (v1.6 and later do); nothing was sent`);
    }
    return v;
  }
  if (!isPlainObject(v)) return v;
  // A secret object: only secret members, and a value, a reference or a shape of its own; a bare `{value}` only where a secret goes.
  const members = Object.keys(v);
  const secretLike = members.length > 0 && members.every((k) => SECRET_MEMBERS.has(k)) && ('value' in v || 'ref' in v || 'env_var' in v);
  if (secretLike && (secretObjectShape(v) !== undefined || (secretPath && isEnvVarObject(v)))) {
    const plain = kind === 'provider' && rules.plainStringSecrets.includes(dotted);
    const literal = secretLiteral(v);
    if (literal !== undefined && isRedacted(literal)) return v;
    if (plain) {
      const text = secretReference(v) ?? literal ?? '';
      if (rules.noReferences.includes(dotted) && secretReference(v) !== undefined) {
        throw new Error(`${dotted}: Bifrost ${rules.line} reads this setting as plain text, so ${text} would be its value, not a reference; nothing was sent`);
      }
      if (VAULT.test(text) && !rules.vaultReferences) throw new Error(`${dotted}: ${text} is a vault reference, which Bifrost ${rules.line} does not read (v1.6 and later do); nothing was sent`);
      return text;
    }
    const out = secretForTarget(rules, v);
    if (!out.ok) throw new Error(`${dotted}: ${out.refusal}; nothing was sent`);
    return out.value;
  }
  const copy: Obj = {};
  for (const [k, child] of Object.entries(v)) copy[k] = readableBy(rules, kind, [...path, k], child);
  return copy;
}

function readableEdit(rules: VersionRules, kind: TargetKind, e: Edit): Edit {
  return e.remove ? e : { path: e.path, value: readableBy(rules, kind, e.path, e.value) };
}

/** Applies `edits` to `body`; removing an optional block sends `null`, which clears it on every line (v2 keeps an omitted one). */
function applyAll(rules: VersionRules, body: Obj, edits: readonly Edit[], kind: TargetKind): void {
  for (const edit of edits) {
    if (kind === 'provider' && edit.remove && edit.path.length === 1 && rules.optionalBlocks.includes(edit.path[0]!)) {
      body[edit.path[0]!] = null;
      continue;
    }
    applyEdit(body, edit);
  }
}

function refuseEdits(rules: VersionRules, kind: TargetKind, edits: readonly Edit[], readOnly: ReadonlySet<string>): void {
  for (const e of edits) {
    const head = e.path[0] ?? '';
    if (kind === 'provider' && head === 'keys') throw new Error('keys are changed with the keys screen or the `keys` commands, not with a provider write');
    if (kind === 'key' && head === 'id') throw new Error('a key id cannot be edited');
    if (readOnly.has(head)) throw new Error(`${e.path.join('.')} is read-only`);
    if (kind !== 'key' || e.remove) continue;
    if (head === 'aliases' && rules.aliases === 'absent') {
      throw new Error(`Bifrost ${rules.line} keys have no aliases (an Azure, Bedrock or Vertex key keeps its deployments in its config block); nothing was sent`);
    }
    if (head === 'models' && rules.models.wildcard === 'nothing' && Array.isArray(e.value) && e.value.includes('*')) {
      throw new Error(`on Bifrost ${rules.line} "*" is not a wildcard (the key would serve no model): an empty list means every model`);
    }
  }
}

function providerBody(rules: VersionRules, readOnly: ReadonlySet<string>, fetched: Obj, edits: readonly Edit[], ctx: BodyContext): Obj {
  refuseEdits(rules, 'provider', edits, readOnly);
  const readable = edits.map((e) => readableEdit(rules, 'provider', e));
  if (rules.providerPutKeys === 'echo-whole' && ctx.action !== 'create') {
    // The keys go back whole, as the gateway has them now (never an older copy's: a key added meanwhile would be deleted).
    const source = ctx.current ?? fetched;
    const name = typeof fetched.name === 'string' ? fetched.name : 'the provider';
    const out = providerPutBody(rules, name, { ...fetched, keys: source.keys }, []);
    if (!out.ok) throw new Error(out.refusal);
    applyAll(rules, out.value, readable, 'provider');
    return out.value;
  }
  const body = cloneJson(fetched);
  for (const f of readOnly) delete body[f];
  if (rules.providerPutKeys === 'never-send') delete body.keys;
  applyAll(rules, body, readable, 'provider');
  return body;
}

function keyBody(rules: VersionRules, keysInProvider: boolean, fetched: Obj, edits: readonly Edit[], ctx: BodyContext): Obj {
  refuseEdits(rules, 'key', edits, KEY_READ_ONLY);
  const body = cloneJson(fetched);
  for (const f of KEY_READ_ONLY) delete body[f];
  if (ctx.action === 'create') {
    // A new key's own fields are the writer's: made readable like an edit.
    for (const [k, v] of Object.entries(body)) body[k] = readableBy(rules, 'key', [k], v);
    if (keysInProvider) {
      // v1.4 gives a new key an id of its own and always enables it (§6).
      body.id = '';
      body.enabled = true;
    }
  }
  applyAll(rules, body, edits.map((e) => readableEdit(rules, 'key', e)), 'key');
  return body;
}

/** The dialect of a line's rules; `gatesOpen`: the gateway's dashboard auth is off, so its v2 admin-session gates answer 403. */
export function dialectOfRules(rules: VersionRules, opts: { gatesOpen?: boolean } = {}): WriteDialect {
  const providerReadOnly: ReadonlySet<string> = new Set(rules.readOnlyProviderFields);
  const keysInProvider = rules.keysLive === 'in-provider';
  const gatesOpen = opts.gatesOpen === true && rules.gates !== undefined;
  return {
    name: rules.line,
    id: `${JSON.stringify(rules)}|gates:${gatesOpen}`,
    rules,
    keysInProvider,
    readOnlyFields: (kind) => (kind === 'provider' ? providerReadOnly : KEY_READ_ONLY),
    writeBody: (kind, fetched, edits, context = {}) => (kind === 'provider'
      ? providerBody(rules, providerReadOnly, fetched, edits, context)
      : keyBody(rules, keysInProvider, fetched, edits, context)),
    carrierBody(provider, carrier, change) {
      if (!keysInProvider) throw new Error(`Bifrost ${rules.line} keeps keys on their own routes: a key write is not a provider write`);
      if (!Array.isArray(carrier.keys)) throw new Error(`Bifrost ${rules.line} takes a provider's keys as part of it, and ${provider} was read without them: a save would delete them`);
      // v1.4 itself would store a key on a keyless provider (it checks nothing there): refused as later lines do.
      const custom = carrier.custom_provider_config;
      if (change.kind === 'add' && isPlainObject(custom) && custom.is_key_less === true) throw new Error(`Cannot add keys to a keyless provider: ${provider} takes no keys`);
      const keys = keysWithChange(carrier.keys, change);
      if (!keys.ok) throw new Error(keys.refusal);
      const out = providerPutBody(rules, provider, carrier, [{ path: ['keys'], value: keys.value }]);
      if (!out.ok) throw new Error(out.refusal);
      return out.value;
    },
    warnings(kind, before, after, asked) {
      const out: string[] = [];
      if (kind === 'key' && keysInProvider && before === undefined && asked?.enabled === false) {
        out.push(`Bifrost ${rules.line} enables every new key: it is added enabled (disable it once it is there)`);
      }
      const gated = gatesOpen ? gatedChanges(rules, kind, before, after) : [];
      if (gated.length > 0) {
        out.push(`the gateway's dashboard auth is off: changing ${gated.join(', ')} needs an authenticated admin session, and Bifrost ${rules.line} will refuse it (403)`);
      }
      return out;
    },
  };
}

/** The dialect of a gateway's version (see `dialectOfRules`). */
export function dialectFor(version: GatewayVersion, opts: { gatesOpen?: boolean } = {}): WriteDialect {
  return dialectOfRules(rulesFor(version), opts);
}

/** v1.5's rules: keys on their own endpoints (never in a provider body), a key PUT replaces the whole key. The default of the pure reviews. */
export const V1_5_DIALECT: WriteDialect = dialectOfRules(LINE_RULES['v1.5']);

/** The writable part of an object as fetched: a copy without the read-only top-level fields. */
export function writablePart(kind: TargetKind, object: unknown, dialect: WriteDialect = V1_5_DIALECT): Record<string, unknown> {
  const copy = (object !== null && typeof object === 'object' && !Array.isArray(object) ? structuredClone(object) : {}) as Record<string, unknown>;
  for (const f of dialect.readOnlyFields(kind)) delete copy[f];
  return copy;
}
