/** Types shared by the provider-form modules (DESIGN.md, "The form is data"). */
import type { Provider } from '../../api/wire.js';

/** Widget family of a field; about six widgets render every kind. */
export type FieldKind = 'text' | 'number' | 'toggle' | 'enum' | 'secret' | 'map' | 'multiline' | 'flags';

/** Form sections, in display order. `other` lists fields no descriptor covers. */
export type SectionId = 'network' | 'concurrency' | 'proxy' | 'raw' | 'custom' | 'openai' | 'other';

/** Result of parsing typed text: the semantic value, or why it did not parse. */
export type ParseResult = { readonly value: unknown } | { readonly error: string };

/** True when a parse failed. */
export function isParseError(r: ParseResult): r is { readonly error: string } {
  return 'error' in r;
}

/** One form field. `id` is the dotted wire path. */
export interface FieldDescriptor {
  readonly id: string;
  readonly path: readonly string[];
  readonly label: string;
  readonly section: SectionId;
  readonly kind: FieldKind;
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
  readonly unit?: 's' | 'ms';
  /** Gateway default (CONTRACT §8, newer core / UI) shown next to an unset or 0 value. */
  readonly default?: unknown;
  /** A stored 0 (or absence) means "use the gateway default". */
  readonly zeroMeansDefault?: boolean;
  /**
   * What "reset to default" writes, as semantic input (`undefined` = remove the
   * field). 0 where the server applies its own default to 0, so the reset
   * follows the gateway version instead of pinning today's number.
   */
  readonly resetInput?: unknown;
  readonly options?: readonly string[];
  /** Value is a secret: masked in display and diffs. */
  readonly secret?: boolean;
  /** Value is an EnvVar (string or object) on the wire. */
  readonly envVar?: boolean;
  /** Map values are booleans (beta_header_overrides). */
  readonly mapOfBool?: boolean;
  /** One line, with the rule. */
  readonly help: string;
  /** Shown for this (effective) provider; absent = always. */
  readonly visible?: (provider: Provider) => boolean;
  readonly readOnly?: (provider: Provider) => boolean;
  /** Typed text → semantic value. Range rules live in validate.ts. */
  readonly parse: (text: string) => ParseResult;
  /** Wire value → editable text. */
  readonly format: (value: unknown) => string;
  /** Semantic value → wire value, given the loaded wire value (`undefined` = remove). Identity when absent. */
  readonly toWire?: (value: unknown, original: unknown) => unknown;
}
