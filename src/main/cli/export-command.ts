import path from 'node:path';
import { EXPORT_FORMATS, type ExportFormat } from '../../shared/api/types.js';
import { AppError } from '../core/errors.js';
import { FileContactsExporter } from '../core/export/exporter.js';
import type { CliContext } from './context.js';

/** `--format cisco-xml` on the command line is `cisco_xml` in the API. */
function parseFormat(value: string | undefined): ExportFormat {
  const format = value?.replace(/-/g, '_');
  if (!format || !(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new AppError(
      'INVALID_ARGUMENT',
      'Give the format: contacts-sync export --format vcard|vcard4|csv|cisco-xml [--output FILE]',
    );
  }
  return format as ExportFormat;
}

/** `export`: the contacts as vCard, CSV or a Cisco IP-phone directory, to a file or stdout. */
export async function exportCommand(ctx: CliContext): Promise<number> {
  const { args } = ctx;
  const format = parseFormat(args.format);
  const accountId = args.account ? ctx.accounts.requireByEmail(args.account).id : undefined;
  const request = {
    format,
    includeDeleted: args.includeDeleted ?? false,
    ...(accountId !== undefined ? { accountId } : {}),
  };
  const output = args.output;
  if (!output) {
    await new FileContactsExporter(ctx.db, async () => null).writeTo(1, request);
    return 0;
  }
  const target = path.resolve(output);
  const result = await new FileContactsExporter(ctx.db, async () => target, {
    createWorker: null, // no window to keep answering: no thread to start
  }).export(request);
  const message = `Exported ${result.count} contacts to ${result.file}`;
  ctx.io.out(args.json ? JSON.stringify(result) : message);
  return 0;
}
