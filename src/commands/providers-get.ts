/** `providers get` and `providers export`. */
import { needArgs, type Ctx } from './command-context.js';
import { UsageError } from './command-errors.js';
import { formatDocumentText, formatProviderText } from './output.js';
import { runExportAll } from './providers-dir.js';
import { exportDocument, exportText, exportYamlText, writePrivateFile } from './providers-document.js';
import { printableLines } from '../state/printable.js';
import type { OutputFormat } from './tree/groups.js';
import { EXIT } from '../state/exit-codes.js';
import { maskLiteralSecrets } from '../state/provider/literal-secrets.js';

/** Shows one provider: as received (-o json|yaml, a secret the gateway showed plain masked as it masks) or as masked text. */
export async function runGet(ctx: Ctx): Promise<number> {
  const [name] = needArgs(ctx, 'get', ['NAME']);
  const p = await ctx.fetchProvider(name!);
  if (ctx.json) ctx.outJson(maskLiteralSecrets(p));
  else ctx.out(formatProviderText(p, ctx.io.stdoutIsTTY === true));
  return EXIT.ok;
}

/** The export's format: -o, else the file's extension (.yaml/.yml), else JSON. */
function exportFormat(ctx: Ctx, file: string | undefined): OutputFormat {
  if (ctx.format) return ctx.format;
  return file !== undefined && /\.ya?ml$/i.test(file) ? 'yaml' : 'json';
}

/** Prints or writes the editable object with its export fingerprint. */
export async function runExport(ctx: Ctx): Promise<number> {
  if (ctx.flag('all')) return runExportAll(ctx);
  if (ctx.str('output-dir') !== undefined) throw new UsageError('--output-dir goes with --all; one provider is written with --output-file FILE');
  const [name] = needArgs(ctx, 'export', ['NAME']);
  const p = await ctx.fetchProvider(name!);
  const file = ctx.str('output-file');
  const format = exportFormat(ctx, file);
  // The export names the gateway it came from: only that gateway's masks are its own.
  const gateway = (await ctx.connect()).connection.url;
  const text = format === 'json' ? exportText(p, gateway) : format === 'yaml' ? exportYamlText(p, gateway) : printableLines(formatDocumentText(exportDocument(p, gateway)));
  if (file === undefined || file === '-') {
    ctx.io.stdout.write(text);
  } else {
    await writePrivateFile(file, text);
    ctx.note(`exported ${name} to ${file}`);
  }
  return EXIT.ok;
}
