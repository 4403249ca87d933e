/**
 * Semantic styles. Components ask for a role, never a raw colour, so
 * monochrome mode (NO_COLOR, TERM=dumb, --no-color) is one switch here.
 * Every role that carries meaning also has a text or symbol elsewhere.
 */
import { isLabelColour } from '../state/profiles/label-colours.js';
import { createContext, useContext } from 'react';

export type Role = 'focus' | 'selected' | 'muted' | 'dirty' | 'error' | 'ok' | 'warn' | 'title' | 'key' | 'accent';

/** Props spread onto an Ink <Text>. */
export interface RoleStyle {
  color?: string;
  bold?: boolean;
  dimColor?: boolean;
  inverse?: boolean;
  underline?: boolean;
}

export type Theme = Record<Role, RoleStyle> & { readonly mono: boolean; labelColor(name?: string): RoleStyle };

const COLOURS: Record<Role, RoleStyle> = {
  focus: { color: 'cyan', bold: true },
  selected: { inverse: true },
  muted: { dimColor: true },
  dirty: { color: 'yellow', bold: true },
  error: { color: 'red', bold: true },
  ok: { color: 'green' },
  warn: { color: 'yellow' },
  title: { bold: true },
  key: { color: 'cyan' },
  accent: { color: 'magenta' },
};

const MONO: Record<Role, RoleStyle> = {
  focus: { bold: true },
  selected: { inverse: true },
  muted: {},
  dirty: { bold: true },
  error: { bold: true },
  ok: {},
  warn: {},
  title: { bold: true },
  key: { bold: true },
  accent: {},
};

export function makeTheme(mono: boolean): Theme {
  const roles = mono ? MONO : COLOURS;
  return {
    ...roles,
    mono,
    labelColor(name?: string): RoleStyle {
      if (mono || !name || !isLabelColour(name)) return { bold: true, inverse: true };
      return { color: 'black', bold: true, ...{ backgroundColor: name } } as RoleStyle;
    },
  };
}

/** Monochrome when asked by flag or by the environment (https://no-color.org, TERM=dumb). */
export function wantsMono(env: NodeJS.ProcessEnv, flagNoColor: boolean): boolean {
  return flagNoColor || (env.NO_COLOR !== undefined && env.NO_COLOR !== '') || env.TERM === 'dumb';
}

export const ThemeContext = createContext<Theme>(makeTheme(false));
export const useTheme = (): Theme => useContext(ThemeContext);
