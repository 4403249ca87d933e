/**
 * The profile editor as data: fields, values, focus and validation, shared by
 * the profiles screen (add/edit) and the first-run setup. Pure.
 */
import { profileNameProblem } from './profile-name.js';
import { LABEL_COLOURS } from './label-colours.js';
import type { Profile, SecretSource } from '../local-types.js';
import { urlHasUserinfo } from '../../api/secrets.js';
import { maskTyped } from '../typed-secret.js';

export type FieldId =
  | 'name' | 'url' | 'auth' | 'username' | 'keySource' | 'keyValue'
  | 'caFile' | 'insecure' | 'timeout' | 'label' | 'color' | 'readOnly' | 'isDefault';

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
/** '' is "no colour". */
export const COLOR_CHOICES = ['', ...LABEL_COLOURS] as const;

export const FIELD_DEFS: Readonly<Record<FieldId, FieldDef>> = {
  name: { id: 'name', label: 'Name', kind: 'text', help: 'letters, digits, ".", "_" and "-"' },
  url: { id: 'url', label: 'URL', kind: 'text', help: 'gateway base URL, e.g. http://localhost:8080' },
  auth: { id: 'auth', label: 'Auth', kind: 'choice', choices: AUTH_CHOICES, help: 'none, bearer (API key) or basic (user + password)' },
  username: { id: 'username', label: 'Username', kind: 'text', help: 'basic auth user name' },
  keySource: { id: 'keySource', label: 'Key from', kind: 'choice', choices: KEY_SOURCES, help: 'stored in the config file (0600), an env variable, or a command' },
  keyValue: { id: 'keyValue', label: 'Key', kind: 'text', help: 'the key, the variable name, or the command' },
  caFile: { id: 'caFile', label: 'CA file', kind: 'text', help: 'PEM file of a CA to trust (optional)' },
  insecure: { id: 'insecure', label: 'Insecure TLS', kind: 'toggle', help: 'skip TLS verification (testing only)' },
  timeout: { id: 'timeout', label: 'Timeout ms', kind: 'text', help: 'read timeout in ms (empty: default)' },
  label: { id: 'label', label: 'Label', kind: 'text', help: 'short tag in the header, e.g. PROD' },
  color: { id: 'color', label: 'Colour', kind: 'choice', choices: COLOR_CHOICES, help: 'colour of the label' },
  readOnly: { id: 'readOnly', label: 'Read-only', kind: 'toggle', help: 'refuse to save providers through this profile' },
  isDefault: { id: 'isDefault', label: 'Default', kind: 'toggle', help: 'use this profile when none is named' },
};

export const EDITOR_FIELDS: readonly FieldId[] = ['name', 'url', 'auth', 'username', 'keySource', 'keyValue', 'caFile', 'insecure', 'timeout', 'label', 'color', 'readOnly', 'isDefault'];
export const SETUP_FIELDS: readonly FieldId[] = ['name', 'url', 'auth', 'username', 'keyValue'];

export interface FormValues {
  name: string;
  url: string;
  auth: Profile['auth'];
  username: string;
  keySource: SecretSource['source'];
  /** The stored key, the env variable name, or the command, per keySource. */
  keyValue: string;
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
    keyValue: secret?.source === 'env' ? secret.name : secret?.source === 'command' ? secret.command : '',
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

/** Fields shown for the current values: username only for basic, key fields only with auth. */
export function visibleFields(state: ProfileFormState): FieldId[] {
  const { auth } = state.values;
  return state.fields.filter((id) => {
    if (id === 'username') return auth === 'basic';
    if (id === 'keySource' || id === 'keyValue') return auth !== 'none';
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

/** True when the key field holds a secret that must be masked. */
export function keyIsMasked(state: ProfileFormState): boolean {
  return state.values.keySource === 'stored';
}

/** The stored profile already has a stored key that an empty field keeps. */
export function keepsStoredKey(state: ProfileFormState): boolean {
  return state.values.keyValue === '' && state.values.keySource === 'stored' && state.original?.secret?.source === 'stored';
}

/** What the field shows: a masked key is one bullet per character; an unchanged stored key a placeholder. */
export function profileFieldText(state: ProfileFormState, id: FieldId): string {
  const v = state.values;
  switch (id) {
    case 'keyValue':
      if (keepsStoredKey(state)) return '(stored key kept; type to replace)';
      return keyIsMasked(state) ? maskTyped(v.keyValue) : v.keyValue;
    case 'insecure': case 'readOnly': case 'isDefault':
      return v[id] ? '[x] yes' : '[ ] no';
    case 'color':
      return v.color || '(none)';
    case 'auth': case 'keySource':
      return v[id];
    default:
      return v[id];
  }
}

/** Label of the key field for the current source. */
export function keyFieldLabel(state: ProfileFormState): string {
  const what = state.values.auth === 'basic' ? 'Password' : 'Key';
  switch (state.values.keySource) {
    case 'stored': return what;
    case 'env': return `${what} env var`;
    case 'command': return `${what} command`;
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
      return setValue(state, key, Array.from(state.values[key] as string).slice(0, -1).join('') as never);
    }
    case 'clear':
      return field.kind === 'text' ? setValue(state, field.id as keyof FormValues, '' as never) : state;
    case 'cycle': {
      if (field.kind === 'toggle') {
        const key = field.id as 'insecure' | 'readOnly' | 'isDefault';
        return setValue(state, key, !state.values[key]);
      }
      if (field.kind !== 'choice' || !field.choices) return state;
      const key = field.id as 'auth' | 'keySource' | 'color';
      const i = field.choices.indexOf(state.values[key]);
      const next = field.choices[(i + action.delta + field.choices.length) % field.choices.length] as string;
      let s = setValue(state, key, next as never);
      // The key text belongs to one source: a stored key must not turn into a visible env name.
      if (key === 'keySource') s = setValue(s, 'keyValue', '');
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
  return {
    name: v.name.trim(),
    url: v.url.trim(),
    auth: v.auth,
    username: v.auth === 'basic' ? trimmed(v.username) : undefined,
    secret,
    caFile: trimmed(v.caFile),
    insecure: v.insecure || undefined,
    timeoutMs: v.timeout.trim() ? Number(v.timeout.trim()) : undefined,
    label: trimmed(v.label),
    color: v.color || undefined,
    readOnly: v.readOnly || undefined,
  };
}
