import path from 'node:path';
import type { SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import { describe, expect, it } from 'vitest';
import { saveDialogChooser, type SaveDialog } from '../../src/main/shell/save-dialog.js';

/** Electron's dialog as the save-dialog port sees it: answers what the person "chose". */
class FakeSaveDialog implements SaveDialog {
  readonly asked: SaveDialogOptions[] = [];
  constructor(private readonly answer: SaveDialogReturnValue) {}
  async showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogReturnValue> {
    this.asked.push(options);
    return this.answer;
  }
}

const documents = path.join(path.sep, 'home', 'ann', 'Documents');

describe('save dialog for exports', () => {
  it('suggests the file in Documents, filtered to its format, and returns the chosen path', async () => {
    const dialog = new FakeSaveDialog({ canceled: false, filePath: '/tmp/out/friends.csv' });
    expect(await saveDialogChooser(dialog, () => documents)('contacts.csv')).toBe(
      '/tmp/out/friends.csv',
    );
    expect(dialog.asked).toEqual([
      expect.objectContaining({
        defaultPath: path.join(documents, 'contacts.csv'),
        filters: [expect.objectContaining({ extensions: ['csv'] })],
        buttonLabel: 'Export',
      }),
    ]);
  });

  it('answers null when the person cancels', async () => {
    const dialog = new FakeSaveDialog({ canceled: true, filePath: '' });
    expect(await saveDialogChooser(dialog, () => documents)('contacts.vcf')).toBeNull();
  });

  it('adds the extension to a name typed without one', async () => {
    const dialog = new FakeSaveDialog({ canceled: false, filePath: '/tmp/phones' });
    expect(await saveDialogChooser(dialog, () => documents)('contacts.xml')).toBe(
      '/tmp/phones.xml',
    );
  });
});
