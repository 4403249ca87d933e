/** `providers get` and `providers export`. */
import { needArgs, type Ctx } from './command-context.js';
import { formatProviderText } from './output.js';
import { runExportAll } from './providers-dir.js';
import { exportText, writePrivateFile } from './providers-document.js';
import { EXIT } from '../state/exit-codes.js';

/** Shows one provider: as received (--json) or as masked text. */
export async function runGet(ctx: Ctx): Promise<number> {
  const [name] = needArgs(ctx, 'get', ['NAME']);
  const p = await ctx.fetchProvider(name!);
  if (ctx.json) ctx.outJson(p);
  else ctx.out(formatProviderText(p));
  return EXIT.ok;
}

/** Prints or writes the editable object with its export fingerprint. */
export async function runExport(ctx: Ctx): Promise<number> {
  if (ctx.flag('all')) return runExportAll(ctx);
  const [name] = needArgs(ctx, 'export', ['NAME']);
  const p = await ctx.fetchProvider(name!);
  const text = exportText(p, (await ctx.connect()).connection.url);
  const file = ctx.str('output');
  if (file === undefined || file === '-') {
    ctx.io.stdout.write(text);
  } else {
    writePrivateFile(file, text);
    ctx.note(`exported ${name} to ${file}`);
  }
  return EXIT.ok;
}
