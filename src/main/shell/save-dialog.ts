/**
 * Where an export goes in the desktop app: Electron's native save dialog, in the Documents
 * folder, filtered to the format's extension. Thin by design: the Electron object arrives as a
 * constructor argument (typed with `import type`), so tests pass a typed fake.
 */
import path from 'node:path';
import type { SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import type { ChooseExportFile } from '../core/export/exporter.js';

/** The part of Electron's `dialog` this needs. */
export interface SaveDialog {
  showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
}

const FILTERS: Record<string, { name: string; extensions: string[] }> = {
  '.vcf': { name: 'vCard (Google Contacts, Apple Contacts, Outlook)', extensions: ['vcf'] },
  '.csv': { name: 'CSV (Google Contacts, spreadsheets)', extensions: ['csv'] },
  '.xml': { name: 'Cisco IP phone directory', extensions: ['xml'] },
};

/** `documentsDir` is asked when the dialog opens: Electron knows the folder only once ready. */
export function saveDialogChooser(
  dialog: SaveDialog,
  documentsDir: () => string,
): ChooseExportFile {
  return async (suggestedName) => {
    const extension = path.extname(suggestedName);
    const filter = FILTERS[extension];
    const result = await dialog.showSaveDialog({
      title: 'Export contacts',
      defaultPath: path.join(documentsDir(), suggestedName),
      buttonLabel: 'Export',
      ...(filter ? { filters: [filter] } : {}),
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    if (result.canceled || !result.filePath) return null;
    // A name typed without its extension still opens in the right program.
    return path.extname(result.filePath) === '' ? result.filePath + extension : result.filePath;
  };
}
