/**
 * `npm run man`: writes bifrost-tui.1 from the help the built CLI prints
 * (run `npm run bundle` first). With `--check` it writes nothing and exits 1
 * when the committed page is not what the help says now.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { MAN_PAGE, manPageOf } from './man/page.mjs';

const { page } = await manPageOf();
if (process.argv.includes('--check')) {
  if (readFileSync(MAN_PAGE, 'utf8') !== page) {
    console.error(`${MAN_PAGE} is not what --help says now: run npm run man`);
    process.exit(1);
  }
} else {
  writeFileSync(MAN_PAGE, page);
  console.log(`wrote ${MAN_PAGE} (${page.split('\n').length} lines)`);
}
