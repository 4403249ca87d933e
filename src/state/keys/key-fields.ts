/**
 * One descriptor per key field (CONTRACT.md §4.6, §4.6.1), in the style of
 * the provider form's descriptors and built from the same parsers. `keys set`
 * and the key form are driven by this list; fields it does not cover are
 * shown read-only and sent back as fetched.
 */
import { isSecretPath } from '../../api/secrets.js';
import { buildEnvVar, envVarEditText } from '../provider/env-var.js';
import { formatMap, formatNumber, formatText, formatToggle, mapToWire, parseMap, parseNumber, parseText, parseToggle } from '../provider/parsers.js';
import type { FieldKind, ParseResult } from '../provider/types.js';
import { formatModelList, parseModelList } from './allow-list.js';

/** Key-form sections. */
export type KeySectionId = 'key' | 'models' | 'azure' | 'vertex' | 'bedrock' | 'url';

/** One key field; `id` is the dotted wire path from the key root. */
export interface KeyFieldDescriptor {
  readonly id: string;
  readonly path: readonly string[];
  readonly label: string;
  readonly section: KeySectionId;
  /** `list` is a model list (allow-list or blacklist); `list` and `map` open the map editor (key-collections.ts). */
  readonly kind: FieldKind | 'list';
  /** The models allow-list: its mode ("all" / "none" / "only") is chosen explicitly. */
  readonly allowList?: boolean;
  readonly min?: number;
  readonly max?: number;
  /** Masked everywhere; never given on a command line. */
  readonly secret?: boolean;
  /** An EnvVar on the wire (string or object), rebuilt in the fetched shape when edited. */
  readonly envVar?: boolean;
  readonly help: string;
  /** Providers whose keys have this field; absent = every provider. */
  readonly providers?: readonly string[];
  readonly parse: (text: string) => ParseResult;
  readonly format: (value: unknown) => string;
  /** Semantic value → wire value, given the fetched wire value (`undefined` = remove). */
  readonly toWire?: (value: unknown, original: unknown) => unknown;
}

type Rest = Pick<KeyFieldDescriptor, 'label' | 'help'> & Partial<KeyFieldDescriptor>;

function field(section: KeySectionId, path: string[], kind: KeyFieldDescriptor['kind'], rest: Rest): KeyFieldDescriptor {
  const id = path.join('.');
  return { id, path, section, kind, parse: parseText, format: formatText, ...rest };
}

/** An EnvVar field; secret ones start empty in an editor (the mask is never typed over). */
function envVar(section: KeySectionId, path: string[], label: string, help: string, secret: boolean, providers?: readonly string[]): KeyFieldDescriptor {
  return field(section, path, secret ? 'secret' : 'text', {
    label, help, secret, envVar: true, providers,
    format: (v) => envVarEditText(v, secret),
    toWire: (value, original) => buildEnvVar(original, String(value)),
  });
}

const toggle = (path: string[], label: string, help: string): KeyFieldDescriptor =>
  field('key', path, 'toggle', { label, help, parse: parseToggle, format: formatToggle });

const list = (path: string[], label: string, help: string, allowList = false): KeyFieldDescriptor =>
  field('models', path, 'list', { label, help, allowList, parse: parseModelList, format: formatModelList });

export const KEY_FIELDS: readonly KeyFieldDescriptor[] = [
  field('key', ['name'], 'text', { label: 'Name', help: 'Unique across every provider of the gateway (409 otherwise).', parse: (t) => (t.trim() ? { value: t.trim() } : { error: 'a name is required' }) }),
  envVar('key', ['value'], 'Value', 'The API key, typed masked, or env.NAME / vault.path. Empty keeps the current credential.', true),
  field('key', ['weight'], 'number', { label: 'Weight', help: 'Share of traffic among this provider\'s keys, 0 to 1.', min: 0, max: 1, parse: (t) => parseNumber(t), format: formatNumber }),
  toggle(['enabled'], 'Enabled', 'A disabled key serves nothing but is kept.'),
  toggle(['use_for_batch_api'], 'Use for batch API', 'This key may run batch jobs.'),
  list(['models'], 'Models (allow-list)', '"*" = all models; empty = no models (the key serves nothing); else only these names.', true),
  list(['blacklisted_models'], 'Blacklisted models', 'Models this key never serves, even when allowed above.'),
  field('models', ['aliases'], 'map', {
    label: 'Aliases', help: 'Model name -> deployment / inference-profile ARN / endpoint: "name: id", entries apart by commas or lines.',
    parse: (t) => parseMap(t.split(/[,\n]/).join('\n')), format: (v) => formatMap(v).split('\n').join(', '), toWire: mapToWire,
  }),
  envVar('azure', ['azure_key_config', 'endpoint'], 'Endpoint', 'https://<resource>.openai.azure.com', true, ['azure']),
  envVar('azure', ['azure_key_config', 'api_version'], 'API version', 'e.g. 2024-10-21', false, ['azure']),
  envVar('azure', ['azure_key_config', 'client_id'], 'Client ID', 'Entra ID app (service principal) auth.', true, ['azure']),
  envVar('azure', ['azure_key_config', 'client_secret'], 'Client secret', 'Entra ID app secret.', true, ['azure']),
  envVar('azure', ['azure_key_config', 'tenant_id'], 'Tenant ID', 'Entra ID tenant.', true, ['azure']),
  envVar('vertex', ['vertex_key_config', 'project_id'], 'Project ID', 'Google Cloud project.', true, ['vertex']),
  envVar('vertex', ['vertex_key_config', 'project_number'], 'Project number', 'Google Cloud project number.', true, ['vertex']),
  envVar('vertex', ['vertex_key_config', 'region'], 'Region', 'e.g. us-central1', true, ['vertex']),
  envVar('vertex', ['vertex_key_config', 'auth_credentials'], 'Credentials', 'Service-account JSON, or env.NAME.', true, ['vertex']),
  envVar('bedrock', ['bedrock_key_config', 'access_key'], 'Access key', 'AWS access key id.', true, ['bedrock']),
  envVar('bedrock', ['bedrock_key_config', 'secret_key'], 'Secret key', 'AWS secret access key.', true, ['bedrock']),
  envVar('bedrock', ['bedrock_key_config', 'session_token'], 'Session token', 'Temporary credentials only.', true, ['bedrock']),
  envVar('bedrock', ['bedrock_key_config', 'region'], 'Region', 'e.g. us-east-1', true, ['bedrock']),
  envVar('bedrock', ['bedrock_key_config', 'arn'], 'Role ARN', 'Role to assume.', true, ['bedrock']),
  envVar('url', ['ollama_key_config', 'url'], 'Ollama URL', 'http://host:11434 or env.NAME', false, ['ollama']),
  envVar('url', ['sgl_key_config', 'url'], 'SGL URL', 'http://host:30000 or env.NAME', false, ['sgl']),
  envVar('url', ['vllm_key_config', 'url'], 'vLLM URL', 'http://host:8000 or env.NAME', false, ['vllm']),
  field('url', ['vllm_key_config', 'model_name'], 'text', { label: 'vLLM model', help: 'The model the vLLM server runs.', providers: ['vllm'] }),
  field('url', ['replicate_key_config', 'use_deployments_endpoint'], 'toggle', { label: 'Use deployments endpoint', help: 'Replicate: call deployments instead of models.', parse: parseToggle, format: formatToggle, providers: ['replicate'] }),
];

/** The descriptor with this dotted id. */
export function findKeyField(id: string): KeyFieldDescriptor | undefined {
  return KEY_FIELDS.find((d) => d.id === id);
}

/** Fields shown for a provider's keys: the common ones plus that provider's block (custom providers by base type). */
export function keyFieldsFor(providerOrBase: string): KeyFieldDescriptor[] {
  return KEY_FIELDS.filter((d) => !d.providers || d.providers.includes(providerOrBase));
}

/** True when the value at this key path is a secret. */
export function isKeySecretPath(id: string): boolean {
  return findKeyField(id)?.secret === true || isSecretPath(id);
}
