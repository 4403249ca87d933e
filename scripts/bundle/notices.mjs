/**
 * dist/THIRD_PARTY_NOTICES.md: the name, version, licence and licence text of
 * every package the bundle contains. The package installs no dependencies (all
 * of them are in dist/app.cjs), so their notices travel with it here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The package directory of a bundled input path (the innermost node_modules/<name> or @scope/<name>). */
function packageDir(input) {
  const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input.replaceAll('\\', '/'));
  return m ? m[1] : undefined;
}

function licenceText(dir) {
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
  return file ? readFileSync(path.join(dir, file), 'utf8').trim() : undefined;
}

/** Markdown listing every third-party package among the metafile's inputs. */
export function thirdPartyNotices(metafile) {
  const dirs = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const dir = packageDir(input);
    if (dir && existsSync(path.join(dir, 'package.json'))) dirs.add(dir);
  }
  const entries = [...dirs]
    .map((dir) => ({ dir, pkg: JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) }))
    .sort((a, b) => a.pkg.name.localeCompare(b.pkg.name) || a.pkg.version.localeCompare(b.pkg.version));
  const parts = ['# Third-party notices', '', 'dist/app.cjs contains the following packages.', ''];
  for (const { dir, pkg } of entries) {
    const licence = typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? 'see text');
    parts.push(`## ${pkg.name} ${pkg.version} (${licence})`, '');
    const text = licenceText(dir);
    parts.push(text ? text.split('\n').map((l) => `    ${l}`.trimEnd()).join('\n') : `    No licence file in the package; its package.json says: ${licence}.`, '');
  }
  return parts.join('\n');
}
