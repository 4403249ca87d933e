/**
 * The README's install commands, as a test runs them word for word: each
 * block is the fenced code block after a `<!-- install: NAME -->` marker in
 * the README; each line is one command, its `# comment` dropped.
 */
import { readFileSync } from 'node:fs';

export function readmeInstallBlock(name: string): string[] {
  const readme = readFileSync('README.md', 'utf8');
  const marker = `<!-- install: ${name} -->`;
  const at = readme.indexOf(marker);
  if (at < 0) throw new Error(`README.md has no "${marker}" block`);
  const fence = /```sh\n([\s\S]*?)```/.exec(readme.slice(at + marker.length));
  if (!fence?.[1]) throw new Error(`no \`\`\`sh block after "${marker}" in README.md`);
  return fence[1]
    .split('\n')
    .map((line) => line.replace(/\s+#\s.*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}
