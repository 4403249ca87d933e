export interface HelpNode {
  /** Command words below `bifrost-tui`; [] for the top level. */
  path: string[];
  /** Its help text; undefined when it is one shown earlier (a group's help that covers its commands). */
  help: string | undefined;
}
export function namedCommands(help: string, pathWords: string[]): string[];
export function helpTree(exec: string[]): Promise<HelpNode[]>;
