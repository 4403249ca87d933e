/**
 * The profile editor as data: fields, values, focus and validation, shared by
 * the profiles screen (add/edit) and the first-run setup. Pure.
 */
import { graphemes } from '../editors/line-editor.js';
import { profileNameProblem } from './profile-name.js';
import { LABEL_COLOURS } from './label-colours.js';
import type { Profile, SecretSource } from '../local-types.js';
import { urlHasUserinfo } from '../../api/secrets.js';
import { maskTyped } from '../typed-secret.js';

export type FieldId =
  | 'name' | 'url' | 'auth' | 'username' | 'keySource' | 'keyValue' | 'tokenSource' | 'tokenValue'
  | 'caFile' | 'insecure' | 'timeout' | 'label' | 'color' | 'readOnly' | 'isDefault';

/** The two secret fields: the key (or Basic password) and the setup token. */
type SecretField = 'keyValue' | 'tokenValue';

/** One field of the form. Text fields take typing; choice and toggle fields cycle. */
export interface FieldDef {
  id: FieldId;
  label: string;
  kind: 'text' | 'choice' | 'toggle';
  choices?: readonly string[];
  help: string;
}

export const AUTH_CHOICES = ['none', 'bearer', 'basic'] as const;
export const KEY_SOURCES = ['stored', 'env', 'command'] as const;
/** Where a setup token comes from; `none`: no token is sent. */
export const TOKEN_SOURCES = ['none', ...KEY_SOURCES] as const;
/** '' is "no colour". */
export const COLOR_CHOICES = ['', ...LABEL_COLOURS] as const;

export const FIELD_DEFS: Readonly<Record<FieldId, FieldDef>> = {
  name: { id: 'name', label: 'Name', kind: 'text', help: 'letters, digits, ".", "_" and "-"' },
  url: { id: 'url', label: 'URL', kind: 'text', help: 'gateway base URL, e.g. http://localhost:8080' },
  auth: { id: 'auth', label: 'Auth', kind: 'choice', choices: AUTH_CHOICES, help: 'none, bearer (API key) or basic (user + password)' },
  username: { id: 'username', label: 'Username', kind: 'text', help: 'basic auth user name' },
  keySource: { id: 'keySource', label: 'Key from', kind: 'choice', choices: KEY_SOURCES, help: 'stored in the config file (0600), an env variable, or a command' },
  keyValue: { id: 'keyValue', label: 'Key', kind: 'text', help: 'the key, the variable name, or the command' },
  tokenSource: { id: 'tokenSource', label: 'Setup token', kind: 'choice', choices: TOKEN_SOURCES, help: 'a v2.2.6 gateway locked until setup asks for its setup token (X-Bifrost-Setup-Token); usually none' },
  tokenValue: { id: 'tokenValue', label: 'Token', kind: 'text', help: 'the setup token, the variable name, or the command' },
  caFile: { id: 'caFile', label: 'CA file', kind: 'text', help: 'PEM file of a CA to trust (optional)' },
  insecure: { id: 'insecure', label: 'Insecure TLS', kind: 'toggle', help: 'skip TLS verification (testing only)' },
  timeout: { id: 'timeout', label: 'Timeout ms', kind: 'text', help: 'read timeout in ms (empty: default)' },
  label: { id: 'label', label: 'Label', kind: 'text', help: 'short tag in the header, e.g. PROD' },
  color: { id: 'color', label: 'Colour', kind: 'choice', choices: COLOR_CHOICES, help: 'colour of the label' },
  readOnly: { id: 'readOnly', label: 'Read-only', kind: 'toggle', help: 'refuse to save providers through this profile' },
  isDefault: { id: 'isDefault', label: 'Default', kind: 'toggle', help: 'use this profile when none is named' },
};

export const EDITOR_FIELDS: readonly FieldId[] = [
  'name', 'url', 'auth', 'username', 'keySource', 'keyValue', 'tokenSource', 'tokenValue', 'caFile', 'insecure', 'timeout', 'label', 'color', 'readOnly', 'isDefault',
];
export const SETUP_FIELDS: readonly FieldId[] = ['name', 'url', 'auth', 'username', 'keyValue', 'tokenSource', 'tokenValue'];

export interface FormValues {
  name: string;
  url: string;
  auth: Profile['auth'];
  username: string;
  keySource: SecretSource['source'];
  /** The stored key, the env variable name, or the command, per keySource. */
  keyValue: string;
  tokenSource: (typeof TOKEN_SOURCES)[number];
  /** The setup token, its env variable name, or its command, per tokenSource. */
  tokenValue: string;
  caFile: string;
  insecure: boolean;
  timeout: string;
  label: string;
  color: string;
  readOnly: boolean;
  isDefault: boolean;
}

export interface ProfileFormState {
  mode: 'add' | 'edit' | 'setup';
  /** The profile being edited, as stored. */
  original?: Profile;
  fields: readonly FieldId[];
  values: FormValues;
  /** Index into visibleFields(). */
  focus: number;
  /** Shown after a save attempt. */
  errors: Partial<Record<FieldId, string>>;
  /** First-run setup: the setup-token fields are shown once the gateway asked for a token (they stay out of the way otherwise). */
  showToken?: boolean;
}

export type FormAction =
  | { type: 'move'; delta: number }
  | { type: 'type'; text: string }
  | { type: 'backspace' }
  | { type: 'clear' }
  | { type: 'cycle'; delta: 1 | -1 }
  | { type: 'errors'; errors: Partial<Record<FieldId, string>> };

/** A new form: empty (add), from a stored profile (edit), or the short first-run form. */
export function initialForm(mode: ProfileFormState['mode'], profile?: Profile, isDefault = false): ProfileFormState {
  const p = profile;
  const secret = p?.secret;
  const values: FormValues = {
    name: p?.name ?? (mode === 'setup' ? 'default' : ''),
    url: p?.url ?? (mode === 'setup' ? 'http://localhost:8080' : ''),
    auth: p?.auth ?? (mode === 'setup' ? 'bearer' : 'none'),
    username: p?.username ?? '',
    keySource: secret?.source ?? 'stored',
    // A stored key is never put into the form: empty means "keep it".
    keyValue: sourceText(secret),
    tokenSource: p?.setupToken?.source ?? 'none',
    tokenValue: sourceText(p?.setupToken),
    caFile: p?.caFile ?? '',
    insecure: p?.insecure ?? false,
    timeout: p?.timeoutMs !== undefined ? String(p.timeoutMs) : '',
    label: p?.label ?? '',
    color: p?.color ?? '',
    readOnly: p?.readOnly ?? false,
    isDefault,
  };
  return { mode, original: p, fields: mode === 'setup' ? SETUP_FIELDS : EDITOR_FIELDS, values, focus: 0, errors: {} };
}

/** A source's text for the form: the env name or the command; a stored secret is never put into it (empty keeps it). */
function sourceText(src: SecretSource | undefined): string {
  return src?.source === 'env' ? src.name : src?.source === 'command' ? src.command : '';
}

/** Fields shown for the current values: username only for basic, key fields only with auth, the token only with a source. */
export function visibleFields(state: ProfileFormState): FieldId[] {
  const { auth, tokenSource } = state.values;
  return state.fields.filter((id) => {
    if (id === 'username') return auth === 'basic';
    if (id === 'keySource' || id === 'keyValue') return auth !== 'none';
    if (id === 'tokenSource') return state.mode !== 'setup' || state.showToken === true || tokenSource !== 'none';
    if (id === 'tokenValue') return tokenSource !== 'none';
    return true;
  });
}

export function focusedProfileField(state: ProfileFormState): FieldDef {
  const ids = visibleFields(state);
  return FIELD_DEFS[ids[Math.min(state.focus, ids.length - 1)] ?? 'name'];
}

/** True while the focused field takes typed text (printable keys are then text, not commands). */
export function acceptsText(state: ProfileFormState): boolean {
  return focusedProfileField(state).kind === 'text';
}

/** True when a secret field (the key by default) holds a secret that must be masked. */
export function keyIsMasked(state: ProfileFormState, id: SecretField = 'keyValue'): boolean {
  return (id === 'keyValue' ? state.values.keySource : state.values.tokenSource) === 'stored';
}

/** The stored profile already has a stored key (or setup token) that an empty field keeps. */
export function keepsStoredKey(state: ProfileFormState, id: SecretField = 'keyValue'): boolean {
  const stored = id === 'keyValue' ? state.original?.secret : state.original?.setupToken;
  return state.values[id] === '' && keyIsMasked(state, id) && stored?.source === 'stored';
}

/** Whether a field is one of the two secret fields. */
export function isSecretField(id: FieldId): id is SecretField {
  return id === 'keyValue' || id === 'tokenValue';
}

/** What the field shows: a masked key is one bullet per character; an unchanged stored key a placeholder. */
export function profileFieldText(state: ProfileFormState, id: FieldId): string {
  const v = state.values;
  switch (id) {
    case 'keyValue':
    case 'tokenValue':
      if (keepsStoredKey(state, id)) return `(stored ${id === 'keyValue' ? 'key' : 'token'} kept; type to replace)`;
      return keyIsMasked(state, id) ? maskTyped(v[id]) : v[id];
    case 'insecure': case 'readOnly': case 'isDefault':
      return v[id] ? '[x] yes' : '[ ] no';
    case 'color':
      return v.color || '(none)';
    case 'auth': case 'keySource': case 'tokenSource':
      return v[id];
    default:
      return v[id];
  }
}

/** Label of the key (or setup-token) field for the current source. */
export function keyFieldLabel(state: ProfileFormState, id: SecretField = 'keyValue'): string {
  const what = id === 'tokenValue' ? 'Token' : state.values.auth === 'basic' ? 'Password' : 'Key';
  switch (id === 'keyValue' ? state.values.keySource : state.values.tokenSource) {
    case 'env': return `${what} env var`;
    case 'command': return `${what} command`;
    default: return what;
  }
}

function setValue<K extends keyof FormValues>(state: ProfileFormState, key: K, value: FormValues[K]): ProfileFormState {
  const errors = { ...state.errors };
  delete errors[key as FieldId];
  return { ...state, values: { ...state.values, [key]: value }, errors };
}

export function formReducer(state: ProfileFormState, action: FormAction): ProfileFormState {
  const field = focusedProfileField(state);
  switch (action.type) {
    case 'move': {
      const n = visibleFields(state).length;
      return { ...state, focus: (((state.focus + action.delta) % n) + n) % n };
    }
    case 'type': {
      if (field.kind !== 'text') return state;
      const text = action.text.replace(/[\r\n\t]/g, '');
      const key = field.id as keyof FormValues;
      return text ? setValue(state, key, `${state.values[key] as string}${text}` as never) : state;
    }
    case 'backspace': {
      if (field.kind !== 'text') return state;
      const key = field.id as keyof FormValues;
      return setValue(state, key, graphemes(state.values[key] as string).slice(0, -1).join('') as never);
    }
    case 'clear':
      return field.kind === 'text' ? setValue(state, field.id as keyof FormValues, '' as never) : state;
    case 'cycle': {
      if (field.kind === 'toggle') {
        const key = field.id as 'insecure' | 'readOnly' | 'isDefault';
        return setValue(state, key, !state.values[key]);
      }
      if (field.kind !== 'choice' || !field.choices) return state;
      const key = field.id as 'auth' | 'keySource' | 'tokenSource' | 'color';
      const i = field.choices.indexOf(state.values[key]);
      const next = field.choices[(i + action.delta + field.choices.length) % field.choices.length] as string;
      let s = setValue(state, key, next as never);
      // The key text belongs to one source: a stored key must not turn into a visible env name.
      if (key === 'keySource') s = setValue(s, 'keyValue', '');
      if (key === 'tokenSource') s = setValue(s, 'tokenValue', '');
      return s;
    }
    case 'errors': {
      const ids = visibleFields(state);
      const first = ids.findIndex((id) => action.errors[id] !== undefined);
      return { ...state, errors: action.errors, focus: first >= 0 ? first : state.focus };
    }
  }
}

/** Problems by field; empty when the form can be saved. `taken` are names of other stored profiles. */
export function validateProfileForm(state: ProfileFormState, taken: readonly string[] = []): Partial<Record<FieldId, string>> {
  const v = state.values;
  const errors: Partial<Record<FieldId, string>> = {};
  const nameProblem = profileNameProblem(v.name.trim());
  if (nameProblem) errors.name = nameProblem;
  else if (v.name.trim() !== state.original?.name && taken.includes(v.name.trim())) errors.name = `a profile named "${v.name.trim()}" already exists`;
  if (!/^https?:\/\/\S+$/.test(v.url.trim())) errors.url = 'must start with http:// or https://';
  else if (urlHasUserinfo(v.url.trim())) errors.url = 'must not hold credentials (user:password@); use auth basic';
  if (v.auth === 'basic' && !v.username.trim()) errors.username = 'basic auth needs a user name';
  if (v.auth !== 'none' && !v.keyValue && !keepsStoredKey(state)) {
    errors.keyValue = v.keySource === 'stored' ? 'type the key' : v.keySource === 'env' ? 'name the variable' : 'give the command';
  }
  if (v.auth !== 'none' && v.keySource === 'env' && v.keyValue && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(v.keyValue)) errors.keyValue = 'not a variable name';
  if (v.tokenSource !== 'none' && !v.tokenValue && !keepsStoredKey(state, 'tokenValue')) {
    errors.tokenValue = v.tokenSource === 'stored' ? 'type the setup token' : v.tokenSource === 'env' ? 'name the variable' : 'give the command';
  }
  if (v.tokenSource === 'env' && v.tokenValue && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(v.tokenValue)) errors.tokenValue = 'not a variable name';
  if (v.timeout.trim() && !/^[1-9][0-9]*$/.test(v.timeout.trim())) errors.timeout = 'a positive whole number of ms, or empty';
  return errors;
}

/** The profile to store. Unknown keys of the original are kept by the store itself. */
export function formToProfile(state: ProfileFormState): Profile {
  const v = state.values;
  const trimmed = (s: string): string | undefined => (s.trim() ? s.trim() : undefined);
  let secret: SecretSource | undefined;
  if (v.auth !== 'none') {
    if (keepsStoredKey(state)) secret = state.original?.secret;
    else if (v.keySource === 'stored') secret = { source: 'stored', value: v.keyValue };
    else if (v.keySource === 'env') secret = { source: 'env', name: v.keyValue.trim() };
    else secret = { source: 'command', command: v.keyValue.trim() };
  }
  let setupToken: SecretSource | undefined;
  if (keepsStoredKey(state, 'tokenValue')) setupToken = state.original?.setupToken;
  else if (v.tokenSource === 'stored') setupToken = { source: 'stored', value: v.tokenValue };
  else if (v.tokenSource === 'env') setupToken = { source: 'env', name: v.tokenValue.trim() };
  else if (v.tokenSource === 'command') setupToken = { source: 'command', command: v.tokenValue.trim() };
  return {
    name: v.name.trim(),
    url: v.url.trim(),
    auth: v.auth,
    username: v.auth === 'basic' ? trimmed(v.username) : undefined,
    secret,
    setupToken,
    caFile: trimmed(v.caFile),
    insecure: v.insecure || undefined,
    timeoutMs: v.timeout.trim() ? Number(v.timeout.trim()) : undefined,
    label: trimmed(v.label),
    color: v.color || undefined,
    readOnly: v.readOnly || undefined,
  };
}
