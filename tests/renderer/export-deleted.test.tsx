/** Export and "Show deleted contacts" in the Contacts section, against the typed fake API. */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/renderer/App.js';
import type { ContactDetail, DeletedContact } from '../../src/shared/api/contract.js';
import { FakeApi } from './fake-api.js';
import { contact } from './fake-contacts.js';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const deleted = (name: string, runId: number | null): DeletedContact => ({
  accountId: 1,
  resourceName: `people/c${name}`,
  displayName: name,
  emails: [],
  phones: [],
  deletedAt: '2026-03-10T09:30:00Z',
  runId,
});

const detail = (resourceName: string, displayName: string): ContactDetail => ({
  accountId: 1,
  resourceName,
  displayName,
  givenName: null,
  familyName: null,
  nickname: null,
  organization: 'Gone Ltd',
  title: null,
  birthday: null,
  notes: 'Still readable',
  photoUrl: null,
  emails: [],
  phones: [],
  addresses: [],
  labels: [],
  deletedAt: '2026-03-10T09:30:00Z',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-03-10T09:30:00Z',
  syncedAt: '2026-03-10T09:30:00Z',
});

async function openExport(api: FakeApi) {
  render(<App api={api} initialSection="Contacts" />);
  fireEvent.click(await screen.findByRole('button', { name: 'Export…' }));
  return screen.getByRole('dialog', { name: 'Export contacts' });
}

describe('Export dialog', () => {
  it('exports the current search in the chosen format, with a determinate progress bar', async () => {
    const api = new FakeApi();
    api.contacts = [contact('Ada Lovelace'), contact('Brian Kernighan')];
    let finish: (count: number) => void = () => {};
    api.answers.exportContacts = () =>
      new Promise((resolve) => {
        finish = (count) => resolve({ ok: true, value: { file: '/home/ada/c.csv', count } });
      });
    render(<App api={api} initialSection="Contacts" />);
    fireEvent.change(await screen.findByRole('searchbox', { name: 'Search contacts' }), {
      target: { value: 'ada' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Export…' }));
    const dialog = screen.getByRole('dialog', { name: 'Export contacts' });
    // With a search typed, that is what the dialog offers first; no filter is chosen.
    expect(within(dialog).getByRole('radio', { name: /current search: “ada”/ })).toHaveProperty(
      'checked',
      true,
    );
    expect(within(dialog).getByRole('radio', { name: /current filter/ })).toHaveProperty(
      'disabled',
      true,
    );
    fireEvent.click(within(dialog).getByRole('radio', { name: /Google CSV/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Export' }));

    expect(api.callsOf('exportContacts')).toEqual([{ format: 'csv', text: 'ada' }]);
    act(() => api.emit('exportProgress', { format: 'csv', done: 500, total: 1000 }));
    const bar = within(dialog).getByRole('progressbar', { name: 'Export progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('50');
    expect(within(dialog).getByText('500 of 1,000 contacts written')).toBeTruthy();
    await act(async () => finish(1000));
    expect(within(dialog).getByRole('status').textContent).toBe(
      'Exported 1,000 contacts to /home/ada/c.csv.',
    );
  });

  it('says why an export failed, in the core’s words', async () => {
    const api = new FakeApi();
    api.answers.exportContacts = () => ({
      ok: false,
      error: {
        code: 'DISK_FULL',
        message: 'The disk is full (/media/usb/c.vcf). Free some space.',
      },
    });
    const dialog = await openExport(api);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Export' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'The disk is full (/media/usb/c.vcf). Free some space.',
    );
    expect(within(dialog).getByRole('button', { name: 'Export' })).toHaveProperty(
      'disabled',
      false,
    );
  });

  it('downloads the file in preview mode', async () => {
    const api = new FakeApi();
    api.answers.exportContacts = () => ({
      ok: true,
      value: { file: '/data/exports/c.vcf', count: 3, downloadUrl: '/exports/c.vcf?token=t' },
    });
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this.getAttribute('href') ?? '');
    });
    const dialog = await openExport(api);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Export' }));
    await within(dialog).findByRole('status');
    expect(clicked).toEqual(['/exports/c.vcf?token=t']);
    expect(api.callsOf('exportContacts')).toEqual([{ format: 'vcard' }]);
  });

  it('closes quietly when the save dialog is cancelled', async () => {
    const api = new FakeApi();
    const dialog = await openExport(api);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Export' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});

describe('Deleted contacts', () => {
  it('lists contacts deleted in Google with when and which run, readable, and exports a selection', async () => {
    const api = new FakeApi();
    api.deleted = [deleted('Zed', 7), deleted('Yara', 7), deleted('Old', null)];
    api.answers.getContact = (r) => ({
      ok: true,
      value: detail(r?.resourceName ?? '', r?.resourceName.slice(8) ?? ''),
    });
    render(<App api={api} initialSection="Contacts" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Show deleted contacts' }));

    const list = await screen.findByRole('list', { name: 'Deleted contacts' });
    expect(screen.getByTestId('deleted-count').textContent).toBe('3 deleted contacts');
    expect(within(list).getAllByText(/sync run #7$/)).toHaveLength(2);
    expect(within(list).getAllByText(/^Deleted /)).toHaveLength(3);

    fireEvent.click(within(list).getByRole('button', { name: /^Zed/ }));
    const details = await screen.findByRole('article', { name: 'Contact details' });
    expect(within(details).getByText('Still readable')).toBeTruthy();

    fireEvent.click(within(list).getByRole('checkbox', { name: 'Select Zed' }));
    fireEvent.click(within(list).getByRole('checkbox', { name: 'Select Old' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export selected (2)' }));
    const dialog = screen.getByRole('dialog', { name: 'Export contacts' });
    expect(
      within(dialog).getByRole('radio', { name: 'The 2 selected deleted contacts' }),
    ).toHaveProperty('checked', true);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Export' }));
    expect(api.callsOf('exportContacts')).toEqual([
      {
        format: 'vcard',
        contacts: [
          { accountId: 1, resourceName: 'people/cZed' },
          { accountId: 1, resourceName: 'people/cOld' },
        ],
      },
    ]);

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull()); // save dialog cancelled
    fireEvent.click(screen.getByRole('button', { name: 'Back to contacts' }));
    expect(await screen.findByRole('searchbox', { name: 'Search contacts' })).toBeTruthy();
  });

  it('says so when nothing was deleted', async () => {
    const api = new FakeApi();
    render(<App api={api} initialSection="Contacts" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Show deleted contacts' }));
    expect(
      await screen.findByText('No contacts were deleted in Google since this copy was made.'),
    ).toBeTruthy();
  });
});
