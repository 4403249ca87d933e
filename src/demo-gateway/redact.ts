/**
 * Redaction in responses and restoration of masks sent back on writes, per
 * line (VERSIONS.md §2, §3.4, §5.1, §5.3).
 */
import { isObject, type JsonObject } from './json.js';
import {
  decodeAgainst, isRedactedText, isReference, looksRedacted, PROXY_SECRET_PLACEHOLDER, redactSecret, reshapeSecret, restoreIfCurrent, type RedactOptions,
} from './secret-codec.js';
import type { DemoProfile } from './versions.js';


const PROXY_SHOWN = ['url', 'username'] as const;
const PROXY_HIDDEN = ['password', 'ca_cert_pem'] as const;

/** How one stored proxy field is shown on this line. */
function proxyFieldOptions(profile: DemoProfile, field: string): RedactOptions {
  const hidden = (PROXY_HIDDEN as readonly string[]).includes(field);
  if (profile.proxy === 'masked-always') return hidden ? { placeholder: PROXY_SECRET_PLACEHOLDER, placeholderAlways: true } : {};
  return hidden ? { placeholder: PROXY_SECRET_PLACEHOLDER } : { plainUnlessReference: true };
}

/** A stored `proxy_config` as GET shows it. */
export function presentProxy(profile: DemoProfile, proxy: JsonObject): JsonObject {
  const out: JsonObject = { ...proxy };
  for (const f of [...PROXY_SHOWN, ...PROXY_HIDDEN]) {
    const v = proxy[f];
    if (v === undefined || v === null) continue;
    if (profile.proxy === 'plain-strings') {
      out[f] = (PROXY_HIDDEN as readonly string[]).includes(f) && v !== '' ? PROXY_SECRET_PLACEHOLDER : v;
    } else {
      out[f] = redactSecret(v, proxyFieldOptions(profile, f));
    }
  }
  return out;
}

/** An incoming `proxy_config` as stored: masks of the current values restored (§3.4), the rest decoded. */
export function storeProxy(profile: DemoProfile, incoming: JsonObject, stored: unknown): JsonObject {
  const out: JsonObject = { ...incoming };
  const prev = isObject(stored) ? stored : undefined;
  const shown = prev ? presentProxy(profile, prev) : {};
  for (const f of [...PROXY_SHOWN, ...PROXY_HIDDEN]) {
    const sent = out[f];
    if (sent === undefined || sent === null) continue;
    if (profile.proxy === 'plain-strings') {
      // v1.4: the placeholders restore the password and CA when both blocks exist; url/username are taken as sent.
      const placeholder = sent === PROXY_SECRET_PLACEHOLDER || sent === '********';
      out[f] = (PROXY_HIDDEN as readonly string[]).includes(f) && placeholder && prev?.[f] !== undefined ? prev[f] : typeof sent === 'string' ? sent : JSON.stringify(sent);
      continue;
    }
    const kept = restoreIfCurrent(profile, sent, prev?.[f], shown[f]);
    out[f] = kept === sent ? decodeAgainst(profile, sent, prev?.[f]) : kept;
  }
  return out;
}

/** A stored `network_config.ca_cert_pem` (text, or a reference) as GET shows it: a string. */
export function presentCaCert(profile: DemoProfile, stored: unknown): string {
  const text = isObject(stored) ? String(stored.value ?? '') : typeof stored === 'string' ? stored : '';
  if (text === '' && !isReference(stored)) return '';
  if (profile.caCert === 'placeholder') return PROXY_SECRET_PLACEHOLDER;
  if (typeof stored === 'string' && /^env\./.test(stored)) return stored;
  if (isObject(stored) && isReference(stored)) return String(stored.ref ?? stored.env_var ?? '');
  return redactSecret({ value: text }).value as string;
}

/** An incoming `ca_cert_pem` as stored: the current mask (or placeholder) restores the stored PEM (§3.4). */
export function storeCaCert(profile: DemoProfile, sent: unknown, stored: unknown): unknown {
  if (stored === undefined || stored === null || typeof sent !== 'string') return sent;
  if (profile.caCert === 'placeholder') return sent === PROXY_SECRET_PLACEHOLDER || sent === '********' ? stored : sent;
  return isRedactedText(profile, sent) && sent === presentCaCert(profile, stored) ? stored : sent;
}

/** One secret field of a key: where it lives, and whether v2 shows it plain unless it is a reference. */
interface KeySecretField {
  block?: string;
  field: string;
  plainOnV2?: boolean;
  /** Shown masked only when it comes from a reference (Azure `api_version`). */
  maskedOnlyIfReference?: boolean;
  /** Not masked before v1.5 (Ollama and SGL URLs). */
  sinceV15?: boolean;
}

const KEY_SECRET_FIELDS: readonly KeySecretField[] = [
  { field: 'value' },
  { block: 'azure_key_config', field: 'endpoint', plainOnV2: true },
  { block: 'azure_key_config', field: 'api_version', maskedOnlyIfReference: true },
  ...['client_id', 'client_secret', 'tenant_id'].map((field) => ({ block: 'azure_key_config', field })),
  ...['project_id', 'project_number', 'auth_credentials'].map((field) => ({ block: 'vertex_key_config', field })),
  { block: 'vertex_key_config', field: 'region', plainOnV2: true },
  ...['access_key', 'secret_key', 'session_token', 'arn', 'role_arn', 'external_id', 'session_name'].map((field) => ({ block: 'bedrock_key_config', field })),
  { block: 'bedrock_key_config', field: 'region', plainOnV2: true },
  { block: 'vllm_key_config', field: 'url', plainOnV2: true },
  { block: 'ollama_key_config', field: 'url', plainOnV2: true, sinceV15: true },
  { block: 'sgl_key_config', field: 'url', plainOnV2: true, sinceV15: true },
];

const fieldName = (f: KeySecretField): string => (f.block ? `${f.block}.${f.field}` : f.field);

function holder(key: JsonObject, f: KeySecretField): JsonObject | undefined {
  if (!f.block) return key;
  const block = key[f.block];
  return isObject(block) ? block : undefined;
}

function presentKeyField(profile: DemoProfile, f: KeySecretField, stored: unknown): unknown {
  if (f.sinceV15 && profile.version === '1.4') return stored;
  const plain = f.maskedOnlyIfReference || (f.plainOnV2 && profile.plainKeyDialFields);
  return redactSecret(stored, { plainUnlessReference: plain });
}

/** A stored key as the gateway shows it (§5.1): secrets masked; v1.4 fills the always-present fields and drops `huggingface_key_config`. */
export function presentKey(profile: DemoProfile, key: JsonObject): JsonObject {
  const out: JsonObject = { ...key };
  for (const f of KEY_SECRET_FIELDS) {
    const from = holder(key, f);
    if (!from || from[f.field] === undefined || from[f.field] === null) continue;
    const to = f.block ? ((out[f.block] = { ...(out[f.block] as JsonObject) }) as JsonObject) : out;
    to[f.field] = presentKeyField(profile, f, from[f.field]);
  }
  out.models = Array.isArray(key.models) ? key.models : [];
  out.blacklisted_models = Array.isArray(key.blacklisted_models) ? key.blacklisted_models : [];
  out.weight = typeof key.weight === 'number' ? key.weight : 0;
  out.use_for_batch_api = key.use_for_batch_api === true;
  if (profile.keysInProviders) delete out.huggingface_key_config;
  return out;
}

/**
 * The secrets of an incoming key as stored, against the stored key (`prev`):
 * `equal-to-current` (v1.4 mergeKeys, v1.5 key PUT) keeps a secret only when
 * the current mask comes back, and stores anything else as sent (a stale mask
 * included); `placeholder` (v1.6+ key PUT) keeps it for any mask, and refuses
 * a mask where nothing is stored. A reference always replaces.
 */
export function storeKeySecrets(profile: DemoProfile, incoming: JsonObject, prev: JsonObject | undefined, rule: 'equal-to-current' | 'placeholder'): { key: JsonObject } | { error: string } {
  const out: JsonObject = { ...incoming };
  for (const f of KEY_SECRET_FIELDS) {
    const source = holder(incoming, f);
    if (!source || source[f.field] === undefined || source[f.field] === null) continue;
    const sent = source[f.field];
    const before = prev ? holder(prev, f)?.[f.field] : undefined;
    let next: unknown;
    if (rule === 'equal-to-current') {
      const kept = restoreIfCurrent(profile, sent, before, before === undefined ? undefined : presentKeyField(profile, f, before));
      next = kept === sent ? decodeAgainst(profile, sent, before) : kept;
    } else {
      const reference = (typeof sent === 'string' && /^(env|vault)\./.test(sent)) || (isObject(sent) && (sent.from_env === true || sent.type === 'env' || sent.type === 'vault'));
      if (!reference && looksRedacted(profile, sent)) {
        if (before === undefined || before === null) return { error: `masked preview cannot be used for ${fieldName(f)} without a stored value` };
        next = before;
      } else {
        next = decodeAgainst(profile, sent, before);
      }
    }
    if (f.block) out[f.block] = { ...(out[f.block] as JsonObject), [f.field]: next };
    else out[f.field] = next;
  }
  return { key: out };
}

/** A seeded key's secrets in the line's stored shape (values kept as if resolved). */
export function reshapeKeySecrets(profile: DemoProfile, key: JsonObject): JsonObject {
  const out: JsonObject = { ...key };
  for (const f of KEY_SECRET_FIELDS) {
    const from = holder(key, f);
    if (!from || from[f.field] === undefined || from[f.field] === null) continue;
    const to = f.block ? ((out[f.block] = { ...(out[f.block] as JsonObject) }) as JsonObject) : out;
    to[f.field] = reshapeSecret(profile, from[f.field]);
  }
  return out;
}

/** A seeded proxy in the line's stored shape: plain strings on v1.4. */
export function reshapeProxy(profile: DemoProfile, proxy: JsonObject): JsonObject {
  const out: JsonObject = { ...proxy };
  for (const f of [...PROXY_SHOWN, ...PROXY_HIDDEN]) {
    const v = proxy[f];
    if (v === undefined || v === null) continue;
    out[f] = profile.proxy === 'plain-strings' ? (isObject(v) ? String(v.value ?? '') : v) : reshapeSecret(profile, v);
  }
  return out;
}
