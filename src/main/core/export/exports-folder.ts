import path from 'node:path';
import type { Clock } from '../clock.js';
import { ensurePrivateFolder } from '../private-files.js';
import type { ChooseExportFile } from './exporter.js';

/** `exports/` beside the database. */
export function exportsFolderOf(databasePath: string): string {
  return path.join(path.dirname(path.resolve(databasePath)), 'exports');
}

/** Without a save dialog (preview, tests): `exports/contacts-2026-11-23T10-15-00.vcf` beside the database. */
export function exportsFolderChooser(databasePath: string, clock: Clock): ChooseExportFile {
  return async (suggestedName) => {
    const folder = exportsFolderOf(databasePath);
    // Ours, inside the data folder: private like the rest of it.
    ensurePrivateFolder(folder, { tightenExisting: true });
    const stamp = clock.now().toISOString().slice(0, 19).replace(/:/g, '-');
    const extension = path.extname(suggestedName);
    return path.join(folder, `${path.basename(suggestedName, extension)}-${stamp}${extension}`);
  };
}
