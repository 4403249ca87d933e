/**
 * One descriptor per provider-form field (CONTRACT.md §5.1–5.3). The form,
 * validation, the edit model and the drift test are all driven by this list.
 */
import type { Provider } from '../../api/wire.js';
import { PROXY_TYPES } from '../../api/wire-fields.js';
import { isSecretPath } from '../../api/secrets.js';
import { buildEnvVar, envVarEditText } from './env-var.js';
import {
  formatMap, formatNumber, formatText, formatToggle, mapToWire, parseEnum, parseMap, parseNumber, parseText, parseToggle,
} from './parsers.js';
import { ANTHROPIC_FAMILY, URL_PER_KEY_PROVIDERS, baseType, isCustomProvider, isSet, proxyType } from './provider-kind.js';
import type { FieldDescriptor, FieldKind, SectionId } from './types.js';

/** Sections in display order, with titles. */
export const SECTIONS: readonly { readonly id: SectionId; readonly title: string }[] = [
  { id: 'network', title: 'Network' },
  { id: 'concurrency', title: 'Concurrency' },
  { id: 'proxy', title: 'Proxy' },
  { id: 'raw', title: 'Raw data' },
  { id: 'custom', title: 'Custom provider' },
  { id: 'openai', title: 'OpenAI' },
  { id: 'other', title: 'Other fields' },
];

type Base = Pick<FieldDescriptor, 'label' | 'help'> & Partial<FieldDescriptor>;

function field(section: SectionId, path: string[], kind: FieldKind, rest: Base): FieldDescriptor {
  const id = path.join('.');
  return { id, path, section, kind, parse: parseText, format: formatText, secret: isSecretPath(id), ...rest };
}

const net = (key: string): string[] => ['network_config', key];

function num(section: SectionId, path: string[], rest: Base & { min: number; max?: number }): FieldDescriptor {
  const durations = rest.unit === 'ms';
  const zero = rest.zeroMeansDefault ?? false;
  return field(section, path, 'number', {
    integer: true,
    parse: (t) => parseNumber(t, { zeroMeansDefault: zero, durations }),
    format: formatNumber,
    ...rest,
  });
}

function toggle(section: SectionId, path: string[], label: string, help: string, rest: Partial<FieldDescriptor> = {}): FieldDescriptor {
  return field(section, path, 'toggle', { label, help, default: false, resetInput: false, parse: parseToggle, format: formatToggle, ...rest });
}

function map(section: SectionId, path: string[], rest: Base & { mapOfBool?: boolean }): FieldDescriptor {
  return field(section, path, 'map', {
    parse: (t) => parseMap(t, { bool: rest.mapOfBool ?? false }),
    format: formatMap,
    toWire: mapToWire,
    resetInput: undefined,
    ...rest,
  });
}

/**
 * An EnvVar-capable field: edit text is the reference or the literal; the wire
 * keeps the loaded shape (env-var.ts). `hideLiteral`: a password or PEM never
 * pre-fills an editor; a proxy URL/username does unless redacted, since the
 * user must see what they are changing.
 */
function envVarField(section: SectionId, path: string[], kind: FieldKind, hideLiteral: boolean, rest: Base): FieldDescriptor {
  return field(section, path, kind, {
    envVar: true,
    parse: (t) => ({ value: kind === 'multiline' ? t.replace(/\r\n/g, '\n').trim() : t.trim() }),
    format: (v) => envVarEditText(v, hideLiteral),
    toWire: (value, original) => {
      if (value === undefined || value === null) return undefined; // reset: remove the field
      // Clearing a field that was never set sends nothing rather than an empty value.
      if (value === '' && original === undefined) return undefined;
      return buildEnvVar(original, String(value));
    },
    resetInput: undefined,
    ...rest,
  });
}

const proxyFieldVisible = (key: string) => (p: Provider): boolean =>
  ['http', 'socks5'].includes(proxyType(p)) || isSet(p, ['proxy_config', key]);

/** Every form field, in display order. */
export const DESCRIPTORS: readonly FieldDescriptor[] = [
  field('network', net('base_url'), 'text', {
    label: 'Base URL',
    help: 'Empty = the provider\'s built-in URL; otherwise an http(s) URL. Required for custom providers.',
    default: '',
    resetInput: undefined,
    toWire: (v) => (v === '' ? undefined : v),
    visible: (p) => !URL_PER_KEY_PROVIDERS.has(baseType(p)) || isSet(p, net('base_url')),
  }),
  map('network', net('extra_headers'), {
    label: 'Extra headers',
    help: 'Sent with every upstream request. Names are HTTP tokens; values without line breaks.',
  }),
  num('network', net('default_request_timeout_in_seconds'), {
    label: 'Request timeout', unit: 's', min: 1, max: 172_800, default: 300, zeroMeansDefault: true, resetInput: 0,
    help: '1–172800 s; 0 = gateway default (300 s in newer cores, 30 s in older).',
  }),
  num('network', net('max_retries'), {
    label: 'Max retries', min: 0, max: 10, default: 0, resetInput: 0,
    help: '0–10 retries of a failed upstream request.',
  }),
  num('network', net('retry_backoff_initial'), {
    label: 'Retry backoff initial', unit: 'ms', min: 100, max: 1_000_000, default: 500, zeroMeansDefault: true, resetInput: 0,
    help: '0 = default (500 ms), else 100–1,000,000 ms and ≤ backoff max. Also 500ms, 2s.',
  }),
  num('network', net('retry_backoff_max'), {
    label: 'Retry backoff max', unit: 'ms', min: 100, max: 1_000_000, default: 5000, zeroMeansDefault: true, resetInput: 0,
    help: '0 = default (5000 ms), else 100–1,000,000 ms and ≥ backoff initial.',
  }),
  toggle('network', net('insecure_skip_verify'), 'Skip TLS verify', 'Turns off upstream TLS verification: a last resort; prefer a CA certificate.'),
  envVarField('network', net('ca_cert_pem'), 'multiline', true, {
    label: 'CA certificate (PEM)',
    help: 'PEM CA to trust upstream, or env.NAME. Redacted by the gateway; left alone unless you replace it.',
  }),
  toggle('network', net('allow_private_network'), 'Allow private network', 'Allows RFC 1918 targets in the base URL and at request time.'),
  num('network', net('stream_idle_timeout_in_seconds'), {
    label: 'Stream idle timeout', unit: 's', min: 5, max: 3600, default: 120, zeroMeansDefault: true, resetInput: 0,
    help: '5–3600 s without a stream chunk; 0 = default (120 s newer, 60 s older).',
  }),
  num('network', net('keep_alive_timeout_in_seconds'), {
    label: 'Keep-alive timeout', unit: 's', min: 0, default: 30, zeroMeansDefault: true, resetInput: 0,
    help: 'Seconds an idle upstream connection is kept; ≥ 0, 0 = default (30 s).',
  }),
  num('network', net('max_conns_per_host'), {
    label: 'Max connections per host', min: 1, max: 10_000, default: 5000, zeroMeansDefault: true, resetInput: 0,
    help: '1–10000; 0 = default (5000). The runtime caps values at 10000.',
  }),
  toggle('network', net('enforce_http2'), 'Enforce HTTP/2', 'Forces HTTP/2 on upstream connections (net/http-based providers such as Bedrock).'),
  map('network', net('beta_header_overrides'), {
    label: 'Beta header overrides',
    mapOfBool: true,
    help: 'Anthropic beta-header prefix → true/false, overriding the built-in support table.',
    visible: (p) => ANTHROPIC_FAMILY.has(baseType(p)) || isSet(p, net('beta_header_overrides')),
  }),
  num('concurrency', ['concurrency_and_buffer_size', 'concurrency'], {
    label: 'Concurrency', min: 1, max: 100_000, default: 1000, resetInput: 1000,
    help: '1–100000 parallel upstream requests, and ≤ buffer size.',
  }),
  num('concurrency', ['concurrency_and_buffer_size', 'buffer_size'], {
    label: 'Buffer size', min: 1, max: 100_000, default: 5000, resetInput: 5000,
    help: '1–100000 queued requests, and ≥ concurrency.',
  }),
  field('proxy', ['proxy_config', 'type'], 'enum', {
    label: 'Proxy type',
    options: PROXY_TYPES,
    default: 'none',
    resetInput: 'none',
    parse: parseEnum(PROXY_TYPES),
    format: (v) => (typeof v === 'string' && v !== '' ? v : 'none'),
    help: 'none, http, socks5, or environment (HTTP_PROXY/HTTPS_PROXY of the gateway).',
  }),
  envVarField('proxy', ['proxy_config', 'url'], 'text', false, {
    label: 'Proxy URL',
    help: 'Required for http/socks5: e.g. http://proxy:3128 or env.PROXY_URL.',
    visible: proxyFieldVisible('url'),
  }),
  envVarField('proxy', ['proxy_config', 'username'], 'text', false, {
    label: 'Proxy username',
    help: 'Optional; literal or env.NAME.',
    visible: proxyFieldVisible('username'),
  }),
  envVarField('proxy', ['proxy_config', 'password'], 'secret', true, {
    label: 'Proxy password',
    help: 'Optional; literal or env.NAME. Redacted by the gateway; left alone unless you type a new one.',
    visible: proxyFieldVisible('password'),
  }),
  envVarField('proxy', ['proxy_config', 'ca_cert_pem'], 'multiline', true, {
    label: 'Proxy CA certificate (PEM)',
    help: 'PEM CA of the proxy, or env.NAME. Redacted by the gateway.',
    visible: proxyFieldVisible('ca_cert_pem'),
  }),
  toggle('raw', ['send_back_raw_request'], 'Send back raw request', 'Include the provider\'s raw request in Bifrost responses.'),
  toggle('raw', ['send_back_raw_response'], 'Send back raw response', 'Include the provider\'s raw response in Bifrost responses.'),
  toggle('raw', ['store_raw_request_response'], 'Store raw request/response', 'Keep raw request/response for internal logging only.'),
  field('custom', ['custom_provider_config', 'base_provider_type'], 'text', {
    label: 'Base provider type',
    help: 'The API this provider speaks; cannot be changed after creation.',
    visible: isCustomProvider,
    readOnly: () => true,
  }),
  field('custom', ['custom_provider_config', 'is_key_less'], 'toggle', {
    label: 'Keyless',
    default: false,
    resetInput: false,
    parse: parseToggle,
    format: formatToggle,
    help: 'The provider takes no API key (not allowed for bedrock).',
    visible: isCustomProvider,
  }),
  field('custom', ['custom_provider_config', 'allowed_requests'], 'flags', {
    label: 'Allowed requests',
    resetInput: null,
    format: (v) => (v && typeof v === 'object' ? formatMap(v) : 'all'),
    parse: (t) => (t.trim().toLowerCase() === 'all' ? { value: null } : parseMap(t, { bool: true })),
    toWire: (v) => (v === null || v === undefined ? undefined : v),
    help: 'Absent = every request type allowed; when set, only flags set to true are allowed.',
    visible: isCustomProvider,
  }),
  map('custom', ['custom_provider_config', 'request_path_overrides'], {
    label: 'Request path overrides',
    help: 'request_type: /path replacing the upstream path; each path starts with /.',
    visible: (p) => isCustomProvider(p) && (!['bedrock', 'gemini'].includes(baseType(p)) || isSet(p, ['custom_provider_config', 'request_path_overrides'])),
  }),
  toggle('openai', ['openai_config', 'disable_store'], 'Disable store', 'Forces store=false on upstream OpenAI requests.', {
    visible: (p) => p.name === 'openai' || isSet(p, ['openai_config']),
  }),
];

const BY_ID: ReadonlyMap<string, FieldDescriptor> = new Map(DESCRIPTORS.map((d) => [d.id, d]));

/** The descriptor of a field id (its dotted wire path); throws on an unknown id. */
export function descriptor(id: string): FieldDescriptor {
  const d = BY_ID.get(id);
  if (!d) throw new Error(`unknown form field: ${id}`);
  return d;
}

/** The descriptor of a field id, or undefined. */
export function findDescriptor(id: string): FieldDescriptor | undefined {
  return BY_ID.get(id);
}

/** True when the field is shown for this (effective) provider. */
export function isVisible(d: FieldDescriptor, p: Provider): boolean {
  return d.visible ? d.visible(p) : true;
}

/** True when the field cannot be edited for this provider. */
export function isReadOnly(d: FieldDescriptor, p: Provider): boolean {
  return d.readOnly ? d.readOnly(p) : false;
}
