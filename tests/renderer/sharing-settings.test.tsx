/** Settings → Share with other apps, against the typed fake API. */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SharingSettings } from '../../src/renderer/sections/settings/SharingSettings.js';
import { SharingStatusLine } from '../../src/renderer/sections/SharingStatusLine.js';
import { FakeApi } from './fake-api.js';

afterEach(cleanup);

describe('Share with other apps', () => {
  it('is off at first, and turning CardDAV on shows where and how to connect', async () => {
    const api = new FakeApi();
    render(<SharingSettings api={api} />);
    const carddav = await screen.findByRole('checkbox', { name: /mail and contacts apps/ });
    expect((carddav as HTMLInputElement).checked).toBe(false);
    expect(screen.queryByText('Address')).toBeNull();
    fireEvent.click(carddav);
    await screen.findByText('http://127.0.0.1:5233/');
    expect(api.callsOf('updateSharing')).toEqual([{ carddavEnabled: true }]);
    expect(screen.getByText('contacts')).toBeTruthy();
    // The password is hidden until asked for.
    expect(screen.queryByText(api.sharing.carddav.password)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    expect(screen.getByText('first-password-0123456789abcdef')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'New password' }));
    await screen.findByText('second-password-0123456789abcdef');
  });

  it('saves a port on Enter and shows the reason a service is not serving', async () => {
    const api = new FakeApi();
    api.sharing.carddav.enabled = true;
    api.sharing.carddav.error = 'Port 5233 is already used by another program.';
    render(<SharingSettings api={api} />);
    expect((await screen.findByRole('alert')).textContent).toContain(
      'already used by another program',
    );
    const portField = screen.getByRole('textbox', { name: 'Port' });
    fireEvent.change(portField, { target: { value: '6000' } });
    fireEvent.keyDown(portField, { key: 'Enter' });
    await waitFor(() => expect(api.callsOf('updateSharing')).toEqual([{ carddavPort: 6000 }]));
  });

  it('says who can read the phone directory when it listens on the network', async () => {
    const api = new FakeApi();
    api.sharing.cisco = {
      ...api.sharing.cisco,
      enabled: true,
      host: '192.168.1.20',
      allowList: ['192.168.1.0/24'],
    };
    render(<SharingSettings api={api} />);
    expect(
      await screen.findByText(/every device at the addresses listed above can read/),
    ).toBeTruthy();
    const allow = screen.getByRole('textbox', { name: /Phones allowed/ });
    expect((allow as HTMLInputElement).value).toBe('192.168.1.0/24');
    fireEvent.change(allow, { target: { value: '192.168.1.31, 192.168.1.32' } });
    fireEvent.blur(allow);
    await waitFor(() =>
      expect(api.callsOf('updateSharing')).toEqual([
        { ciscoAllowList: ['192.168.1.31', '192.168.1.32'] },
      ]),
    );
  });
});

describe('Sharing on Status', () => {
  it('shows nothing while both services are off', async () => {
    const api = new FakeApi();
    const { container } = render(<SharingStatusLine api={api} />);
    await waitFor(() => expect(api.callsOf('getSharing')).toHaveLength(1));
    expect(container.textContent).toBe('');
  });

  it('says where apps connect and when one last did, or why it is not serving', async () => {
    const api = new FakeApi();
    api.sharing.carddav = {
      ...api.sharing.carddav,
      enabled: true,
      url: 'http://127.0.0.1:5233/',
      lastClient: { at: '2026-12-07T10:00:00Z', userAgent: 'vdirsyncer/0.19.0' },
    };
    api.sharing.cisco = {
      ...api.sharing.cisco,
      enabled: true,
      error: 'Port 5234 is already used by another program.',
    };
    render(<SharingStatusLine api={api} />);
    const region = await screen.findByRole('region', { name: 'Sharing with other apps' });
    expect(region.textContent).toContain('http://127.0.0.1:5233/');
    expect(region.textContent).toContain('(vdirsyncer/0.19.0)');
    expect(region.textContent).toContain(
      'The phone directory is not serving: Port 5234 is already used',
    );
  });
});
