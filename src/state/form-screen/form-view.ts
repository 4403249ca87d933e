/**
 * Render-ready rows of the provider form, so the Ink screen is a thin
 * renderer: section headers, fields and uncovered "other" fields, each with
 * its one-line display text (secrets masked), dirty marker and error.
 */
import type { Provider } from '../../api/wire.js';
import { isSecretName, maskSecret } from '../../api/secrets.js';
import { count, fromWire } from '../provider/allowed-requests.js';
import { DESCRIPTORS, SECTIONS, isReadOnly, isVisible } from '../provider/descriptors.js';
import { effectiveProvider, effectiveValue, fieldEdit, isDirty, type FormState } from '../provider/edit-model.js';
import { displayEnvVar, envVarRef, isEnvVarRedacted } from '../provider/env-var.js';
import { formatOtherValue, otherFields } from '../provider/other-fields.js';
import { summarizePem } from '../provider/pem.js';
import { toNumber } from '../provider/parsers.js';
import type { FieldDescriptor, FieldKind, SectionId } from '../provider/types.js';
import { validateForm } from '../provider/validate.js';

/** A section header. */
export interface SectionRow {
  readonly type: 'section';
  readonly section: SectionId;
  readonly title: string;
  readonly collapsed: boolean;
  /** Fields shown in the section (when expanded). */
  readonly fieldCount: number;
  readonly dirtyCount: number;
  readonly errorCount: number;
}

/** An editable (or read-only) form field. */
export interface FieldRow {
  readonly type: 'field';
  readonly fieldId: string;
  readonly section: SectionId;
  readonly kind: FieldKind;
  readonly label: string;
  /** One line; secrets masked. */
  readonly display: string;
  readonly dirty: boolean;
  readonly error?: string;
  readonly readOnly: boolean;
  readonly help: string;
}

/** A wire field no descriptor covers: shown read-only, sent back unchanged. */
export interface OtherRow {
  readonly type: 'other';
  readonly fieldId: string;
  readonly section: 'other';
  readonly label: string;
  readonly display: string;
  readonly readOnly: true;
}

export type FormRow = SectionRow | FieldRow | OtherRow;

/** Display options. */
export interface ViewOptions {
  /** Field ids whose non-redacted literal secrets may be shown (a "reveal" key). */
  readonly reveal?: ReadonlySet<string>;
  /** Clock for certificate expiry. */
  readonly now?: Date;
  /** What the gateway's Bifrost line shows for an unset `network_config` setting (v1.4/v1.5: 30 s timeout, v2: 300 s). */
  readonly networkDefaults?: Readonly<Record<string, number>>;
}

function unitText(d: FieldDescriptor, n: number | string): string {
  return d.unit ? `${n} ${d.unit}` : String(n);
}

function mapDisplay(d: FieldDescriptor, v: unknown, reveal: boolean): string {
  if (v === null || typeof v !== 'object' || Object.keys(v).length === 0) return '(none)';
  return Object.entries(v as Record<string, unknown>)
    .map(([k, val]) => {
      if (typeof val === 'boolean') return `${k}: ${val ? 'on' : 'off'}`;
      const text = String(val);
      const secret = d.id === 'network_config.extra_headers' && isSecretName(k) && !reveal;
      return `${k}: ${secret ? maskSecret(text) : text}`;
    })
    .join(', ');
}

/** One-line display of a field's wire value. */
export function displayValue(d: FieldDescriptor, value: unknown, opts: ViewOptions = {}): string {
  const reveal = opts.reveal?.has(d.id) ?? false;
  switch (d.kind) {
    case 'number': {
      const n = toNumber(value);
      if (d.zeroMeansDefault && (n === undefined || n === 0)) return unsetText(d, opts);
      if (value === undefined || value === null) return unsetText(d, opts);
      return typeof value === 'string' ? value : unitText(d, n ?? String(value));
    }
    case 'toggle':
      return value === true ? 'on' : 'off';
    case 'enum':
      return typeof value === 'string' && value !== '' ? value : String(d.default ?? '(not set)');
    case 'map':
      return mapDisplay(d, value, reveal);
    case 'flags': {
      const m = fromWire(value);
      return m.mode === 'all' ? 'all allowed (no allowed_requests)' : count(m).text;
    }
    case 'multiline':
      return summarizePem(value, opts.now);
    default:
      if (d.envVar) {
        const hide = d.secret && !(reveal && !isEnvVarRedacted(value) && !envVarRef(value));
        return displayEnvVar(value, hide ?? false);
      }
      if (d.id === 'network_config.base_url' && (value === undefined || value === '')) return '(provider default URL)';
      return value === undefined || value === null ? unsetText(d, opts) : String(value);
  }
}

/** The one wording for an unset value: the gateway default where there is one (its line's, when known), else "(not set)". */
function unsetText(d: FieldDescriptor, opts: ViewOptions = {}): string {
  const lineDefault = d.path[0] === 'network_config' ? opts.networkDefaults?.[d.path[d.path.length - 1]!] : undefined;
  const def = lineDefault ?? d.default;
  if (def === undefined || def === null) return '(not set)';
  return `default (${typeof def === 'number' ? unitText(d, def) : String(def)})`;
}

/** The rows to render, in order; fields of collapsed sections are left out. Sections without visible fields are omitted. */
export function visibleRows(state: FormState, collapsed: ReadonlySet<SectionId> = new Set(), opts: ViewOptions = {}): FormRow[] {
  const p: Provider = effectiveProvider(state);
  const errors = new Map<string, string>();
  for (const e of validateForm(state)) if (!errors.has(e.fieldId)) errors.set(e.fieldId, e.message);
  const rows: FormRow[] = [];
  for (const s of SECTIONS) {
    const isCollapsed = collapsed.has(s.id);
    let fields: (FieldRow | OtherRow)[];
    if (s.id === 'other') {
      fields = otherFields(state.original).map((f) => ({
        type: 'other', fieldId: f.id, section: 'other', label: f.label, display: formatOtherValue(f.path, f.value), readOnly: true,
      }));
    } else {
      fields = DESCRIPTORS.filter((d) => d.section === s.id && (isVisible(d, p) || isDirty(state, d.id))).map((d) => {
        const error = errors.get(d.id);
        const edit = fieldEdit(state, d.id);
        // Text that did not parse is shown as typed (masked for secrets) next to its error.
        const display = edit && !edit.parsed
          ? (d.secret ? maskSecret(edit.text) : edit.text.split('\n')[0]!)
          : displayValue(d, effectiveValue(state, d.id), opts);
        return {
          type: 'field', fieldId: d.id, section: s.id, kind: d.kind, label: d.label, display,
          dirty: isDirty(state, d.id), readOnly: isReadOnly(d, p), help: d.help,
          ...(error !== undefined ? { error } : {}),
        };
      });
    }
    if (fields.length === 0) continue;
    rows.push({
      type: 'section', section: s.id, title: s.title, collapsed: isCollapsed, fieldCount: fields.length,
      dirtyCount: fields.filter((f) => f.type === 'field' && f.dirty).length,
      errorCount: fields.filter((f) => f.type === 'field' && f.error !== undefined).length,
    });
    if (!isCollapsed) for (const field of fields) rows.push(field);
  }
  return rows;
}
