import type { HelpNode } from './help-tree.mjs';
export function roffLine(text: string): string;
export function renderManPage(input: { tree: HelpNode[]; versionLine: string; description: string }): string;
