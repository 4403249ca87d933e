/**
 * Validation to the official UI's ranges (CONTRACT.md §10), which the handler
 * also accepts. Every message states the rule. Rules run on the effective
 * provider (original + edits), so cross-field errors follow both fields.
 *
 * Decisions: a 0 timeout/backoff/stream-idle/keep-alive/max-conns is allowed
 * and means "gateway default" (the server applies its default to 0, §5.1/§8);
 * concurrency and buffer size have no such default (0 is a 400).
 */
import type { Provider } from '../../api/wire.js';
import { getAtPath } from '../../api/update-body.js';
import { DESCRIPTORS, descriptor, isVisible } from './descriptors.js';
import { effectiveProvider, fieldEdit, isDirty, type FormState } from './edit-model.js';
import { envVarRef, envVarValue, isEnvVarRedacted } from './env-var.js';
import { toNumber } from './parsers.js';
import { isValidPem } from './pem.js';
import { baseType, isCustomProvider, proxyType } from './provider-kind.js';
import type { FieldDescriptor } from './types.js';

/** One validation failure. */
export interface FieldError {
  readonly fieldId: string;
  readonly message: string;
}

type Rule = (value: unknown, p: Provider) => string | undefined;

/** RFC 7230 `token` (header field name). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

const fmt = (n: number): string => n.toLocaleString('en-US');

function numberRule(d: FieldDescriptor): Rule {
  return (v) => {
    if (v === undefined || v === null) return undefined;
    const n = toNumber(v);
    if (n === undefined || !Number.isFinite(n)) return `${d.label}: must be a number`;
    if (n < 0) return `${d.label}: must not be negative (got ${n})`;
    if (d.integer && !Number.isInteger(n)) return `${d.label}: whole numbers only (got ${n})`;
    if (n === 0 && d.zeroMeansDefault) return undefined;
    const unit = d.unit ? ` ${d.unit}` : '';
    const zero = d.zeroMeansDefault ? ', or 0 for the gateway default' : '';
    const lo = d.min ?? 0;
    if (n < lo || (d.max !== undefined && n > d.max)) {
      const range = d.max !== undefined ? `${fmt(lo)}–${fmt(d.max)}${unit}` : `at least ${fmt(lo)}${unit}`;
      return `${d.label}: must be ${range}${zero} (got ${fmt(n)})`;
    }
    return undefined;
  };
}

const num = (p: Provider, path: string): number => toNumber(getAtPath(p, path.split('.'))) ?? 0;

function concurrencyPair(p: Provider): string | undefined {
  const c = num(p, 'concurrency_and_buffer_size.concurrency');
  const b = num(p, 'concurrency_and_buffer_size.buffer_size');
  return c > 0 && b > 0 && c > b ? `Concurrency (${fmt(c)}) must be ≤ buffer size (${fmt(b)})` : undefined;
}

function backoffPair(p: Provider): string | undefined {
  const i = num(p, 'network_config.retry_backoff_initial');
  const m = num(p, 'network_config.retry_backoff_max');
  return i > 0 && m > 0 && i > m ? `Retry backoff initial (${fmt(i)} ms) must be ≤ retry backoff max (${fmt(m)} ms)` : undefined;
}

function httpUrl(text: string, schemes: readonly string[]): boolean {
  try {
    const u = new URL(text);
    return schemes.includes(u.protocol.replace(/:$/, '')) && u.hostname !== '';
  } catch {
    return false;
  }
}

function mapEntries(v: unknown): [string, unknown][] {
  return v !== null && typeof v === 'object' ? Object.entries(v) : [];
}

const RULES: Readonly<Record<string, Rule>> = {
  'network_config.base_url': (v, p) => {
    const url = typeof v === 'string' ? v.trim() : '';
    if (url === '') return isCustomProvider(p) ? 'Base URL: required for custom providers' : undefined;
    return httpUrl(url, ['http', 'https']) ? undefined : `Base URL: must be empty or an http(s) URL (got "${url}")`;
  },
  'network_config.extra_headers': (v) => {
    for (const [name, value] of mapEntries(v)) {
      if (!TOKEN.test(name)) return `Extra headers: "${name}" is not a valid header name (letters, digits and !#$%&'*+-.^_\`|~ only)`;
      // null is how the gateway sent it: carried through as received, not ours to judge.
      if (value !== null && (typeof value !== 'string' || /[\r\n\0]/.test(value))) return `Extra headers: the value of "${name}" must be one line (no CR/LF)`;
    }
    return undefined;
  },
  'network_config.beta_header_overrides': (v) => {
    for (const [name, value] of mapEntries(v)) {
      if (name.trim() === '') return 'Beta header overrides: a prefix is empty';
      if (value !== null && typeof value !== 'boolean') return `Beta header overrides: "${name}" must be true or false`;
    }
    return undefined;
  },
  'network_config.ca_cert_pem': (v) => pemRule('CA certificate', v),
  'proxy_config.ca_cert_pem': (v) => pemRule('Proxy CA certificate', v),
  'proxy_config.url': (v, p) => {
    const type = proxyType(p);
    if (type !== 'http' && type !== 'socks5') return undefined;
    if (envVarRef(v)) return undefined;
    const text = envVarValue(v).trim();
    if (text === '') return `Proxy URL: required for proxy type ${type}`;
    if (isEnvVarRedacted(v)) return undefined; // newer gateways redact it; the stored URL is kept
    return httpUrl(text, ['http', 'https', 'socks5', 'socks5h']) ? undefined : `Proxy URL: must be a valid URL such as http://host:3128 (got "${text}")`;
  },
  'custom_provider_config.is_key_less': (v, p) =>
    v === true && baseType(p) === 'bedrock' ? 'Keyless: not allowed for bedrock-based providers' : undefined,
  'custom_provider_config.request_path_overrides': (v) => {
    for (const [type, path] of mapEntries(v)) {
      if (type.trim() === '') return 'Request path overrides: a request type is empty';
      if (typeof path !== 'string' || !path.startsWith('/')) return `Request path overrides: the path for "${type}" must start with / (got "${String(path)}")`;
    }
    return undefined;
  },
};

function pemRule(label: string, v: unknown): string | undefined {
  if (envVarRef(v) || isEnvVarRedacted(v)) return undefined;
  const text = envVarValue(v).trim();
  if (text === '' || isValidPem(text)) return undefined;
  return `${label}: must be PEM certificate text (-----BEGIN CERTIFICATE-----…) or env.NAME`;
}

/** Cross-field rules, attached to every field they involve. */
const PAIRS: readonly { ids: readonly string[]; rule: (p: Provider) => string | undefined }[] = [
  { ids: ['concurrency_and_buffer_size.concurrency', 'concurrency_and_buffer_size.buffer_size'], rule: concurrencyPair },
  { ids: ['network_config.retry_backoff_initial', 'network_config.retry_backoff_max'], rule: backoffPair },
];

function check(d: FieldDescriptor, p: Provider): string | undefined {
  const value = getAtPath(p, d.path);
  const own = d.kind === 'number' ? numberRule(d)(value, p) : RULES[d.id]?.(value, p);
  if (own) return own;
  for (const pair of PAIRS) if (pair.ids.includes(d.id)) return pair.rule(p);
  return undefined;
}

/** The error of one field (its parse error first), or undefined. */
export function validateField(state: FormState, id: string, provider: Provider = effectiveProvider(state)): string | undefined {
  const edit = fieldEdit(state, id);
  if (edit && !edit.parsed) return `${descriptor(id).label}: ${edit.error ?? 'invalid'}`;
  return check(descriptor(id), provider);
}

/** Every error of the form, in form order: visible fields plus any edited hidden field. */
export function validateForm(state: FormState): FieldError[] {
  const p = effectiveProvider(state);
  const out: FieldError[] = [];
  for (const d of DESCRIPTORS) {
    if (!isVisible(d, p) && !isDirty(state, d.id)) continue;
    const message = validateField(state, d.id, p);
    if (message) out.push({ fieldId: d.id, message });
  }
  return out;
}

/** The next field with an error after `fromFieldId` (wrapping around), for the jump key. */
export function nextError(state: FormState, fromFieldId?: string): string | undefined {
  const errors = validateForm(state);
  if (errors.length === 0) return undefined;
  const order = DESCRIPTORS.map((d) => d.id);
  const from = fromFieldId ? order.indexOf(fromFieldId) : -1;
  return (errors.find((e) => order.indexOf(e.fieldId) > from) ?? errors[0]!).fieldId;
}
