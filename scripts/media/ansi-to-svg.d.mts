/** Types of ansi-to-svg.mjs (used by test/docs/ansi-to-svg.test.ts). */
export interface Style {
  fg: string | null;
  bg: string | null;
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: boolean;
  inverse: boolean;
}
export declare const PALETTE: readonly string[];
export declare function parseAnsi(text: string): Array<Array<{ ch: string; style: Style }>>;
export declare function escapeXml(s: string): string;
export declare function ansiToSvg(ansi: string, opts: { columns: number; rows: number; title?: string }): string;
