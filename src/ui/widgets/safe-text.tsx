/**
 * The only way text reaches the terminal: every screen draws through this
 * `Text`, never Ink's (ESLint refuses `Text` from 'ink' anywhere else in
 * src/ui). Whatever a screen hands it, gateway or config text included, is
 * made printable here (`printableLines`: ESC as `^[`, C1 as `\x9b`, bidi
 * overrides as `\u202e`; line breaks kept), so forgetting `printable()` at
 * a call site can no longer put an OSC title or clipboard write on the
 * terminal. The one exception is `Painted`: styled text that only `paint()`
 * in this file can make, from text it made printable itself.
 *
 * It also bounds the work per frame: a string longer than the screen could
 * ever show (columns x rows, 4 code units a cell) is cut before Ink
 * measures or wraps it, so a 2 MB description costs what a screenful does.
 */
import { createContext, createElement, isValidElement, useContext, type ReactElement, type ReactNode } from 'react';
import { Text as InkText, type TextProps } from 'ink';
import chalk, { type ChalkInstance } from 'chalk';
import { isPrintable, printableLines } from '../../state/printable.js';
import type { RoleStyle } from '../theme.js';

/** Held by this module only: without it no Painted can be made. */
const MINT = Symbol('paint');

/** Text with style escapes (SGR) made by `paint`: drawn as it is. Nothing outside this module can make one. */
export class Painted {
  constructor(
    mint: typeof MINT,
    readonly ansi: string,
  ) {
    if (mint !== MINT) throw new TypeError('Painted text is made by paint() only');
  }

  /** Painted pieces drawn one after the other. */
  static join(this: void, parts: readonly Painted[]): Painted {
    return new Painted(MINT, parts.map((p) => p.ansi).join(''));
  }
}

/**
 * A role's style applied to a string as ANSI codes, for lines drawn as one
 * <Text> (a list row): one text node instead of one per cell keeps Ink's
 * per-frame layout and output work small. Same colours as <Text>. The text
 * is made printable first: only the style's own codes are escapes.
 */
export function paint(style: RoleStyle, text: string): Painted {
  const safe = isPrintable(text) ? text : printableLines(text);
  let c: ChalkInstance = chalk;
  if (style.color) c = c[style.color as 'red'] ?? c;
  if (style.bold) c = c.bold;
  if (style.dimColor) c = c.dim;
  if (style.inverse) c = c.inverse;
  if (style.underline) c = c.underline;
  return new Painted(MINT, c === chalk ? safe : c(safe));
}

/** What the screen can show at most; strings are cut to 4 code units per cell of it. */
export const ScreenSize = createContext<{ columns: number; rows: number }>({ columns: 200, rows: 60 });

export type SafeChild = string | number | boolean | null | undefined | Painted | ReactElement | readonly SafeChild[];

function clean(text: string, cap: number): string {
  const cut = text.length > cap ? `${text.slice(0, cap)}…` : text;
  return isPrintable(cut) ? cut : printableLines(cut);
}

function safe(child: SafeChild, cap: number): ReactNode {
  if (typeof child === 'string') return clean(child, cap);
  if (child instanceof Painted) return child.ansi;
  if (Array.isArray(child)) return child.map((c: SafeChild) => safe(c, cap));
  if (child === null || child === undefined || typeof child === 'boolean' || typeof child === 'number' || isValidElement(child)) return child as ReactNode;
  // Anything else (a plain object) is no text: drawn as nothing rather than guessed at.
  return null;
}

export type SafeTextProps = Omit<TextProps, 'children'> & { children?: SafeChild };

/** Ink's <Text>, with every string child made printable and cut to what the screen can show. */
export function Text({ children, ...props }: SafeTextProps) {
  const { columns, rows } = useContext(ScreenSize);
  const cap = Math.max(1, columns) * Math.max(1, rows) * 4;
  // The common case, one string or one painted line: no arrays made.
  if (!Array.isArray(children)) return createElement(InkText, props, safe(children as SafeChild, cap));
  // Children spread as arguments: static children, as JSX would pass them (no key warnings).
  return createElement(InkText, props, ...(children as readonly SafeChild[]).map((c) => safe(c, cap)));
}
