/** Settings → Google sign-in client, and the first-run guide on Status (issue 18 item 8). */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/App.js';
import { FakeApi } from './fake-api.js';

afterEach(cleanup);

const ID = '123-abc.apps.googleusercontent.com';
const downloaded = (text: string) =>
  new File([text], 'client_secret_123-abc.apps.googleusercontent.com.json', {
    type: 'application/json',
  });
const desktopClient = JSON.stringify({ installed: { client_id: ID, client_secret: 'GOCSPX-x' } });

function withoutClient(): FakeApi {
  const api = new FakeApi();
  api.signInClient = { clientId: null, source: 'none' };
  return api;
}

describe('first run without a sign-in client', () => {
  it('Status shows the guide; importing the downloaded file there sets the client up', async () => {
    const api = withoutClient();
    render(<App api={api} initialSection="Status" />);
    const guide = await screen.findByRole('region', {
      name: 'Before you connect: set up Google sign-in',
    });
    expect(guide.textContent).toMatch(/People API/);
    expect(guide.textContent).toMatch(/Google Calendar API/);
    expect(guide.textContent).toMatch(/Desktop app/);

    fireEvent.change(within(guide).getByLabelText('Import the client file (JSON)'), {
      target: { files: [downloaded(desktopClient)] },
    });
    await waitFor(() => expect(api.callsOf('setSignInClient')).toEqual([{ json: desktopClient }]));
    expect(await within(guide).findByText(/^Imported client_secret_/)).toBeTruthy();
    expect(within(guide).queryByRole('list')).toBeNull();
  });

  it('a client already set up shows no guide', async () => {
    render(<App api={new FakeApi()} initialSection="Status" />);
    await screen.findByTestId('status-line');
    await waitFor(() => expect(screen.queryByText(/set up Google sign-in/)).toBeNull());
  });
});

describe('Settings → Google sign-in client', () => {
  it('shows the current client and where it comes from, never a secret', async () => {
    const api = new FakeApi();
    api.signInClient = { clientId: 'packaged.apps.googleusercontent.com', source: 'default' };
    render(<App api={api} initialSection="Settings" />);
    const group = await screen.findByRole('group', { name: 'Google sign-in client' });
    await waitFor(() =>
      expect(within(group).getByTestId('sign-in-client').textContent).toMatch(
        /packaged\.apps\.googleusercontent\.com — the client this copy of the app came with/,
      ),
    );
    expect(within(group).queryByRole('button', { name: 'Remove my client' })).toBeNull();
  });

  it('pastes an ID and secret, refuses a wrong file calmly, and removes the client', async () => {
    const api = withoutClient();
    render(<App api={api} initialSection="Settings" />);
    const group = await screen.findByRole('group', { name: 'Google sign-in client' });
    const save = within(group).getByRole('button', { name: 'Save client' });
    expect((save as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(within(group).getByLabelText('Client ID'), { target: { value: ID } });
    const secret = within(group).getByLabelText('Client secret');
    expect((secret as HTMLInputElement).type).toBe('password');
    fireEvent.change(secret, { target: { value: 'GOCSPX-pasted' } });
    fireEvent.click(save);
    await waitFor(() =>
      expect(api.callsOf('setSignInClient')).toEqual([
        { clientId: ID, clientSecret: 'GOCSPX-pasted' },
      ]),
    );
    await waitFor(() =>
      expect(within(group).getByTestId('sign-in-client').textContent).toBe(
        `${ID} — your own client`,
      ),
    );
    expect((within(group).getByLabelText('Client secret') as HTMLInputElement).value).toBe('');

    fireEvent.change(within(group).getByLabelText('Import the client file (JSON)'), {
      target: { files: [downloaded(JSON.stringify({ web: { client_id: 'x' } }))] },
    });
    expect((await within(group).findByRole('alert')).textContent).toBe('Not a Desktop-app client.');

    fireEvent.click(within(group).getByRole('button', { name: 'Remove my client' }));
    await waitFor(() =>
      expect(within(group).getByTestId('sign-in-client').textContent).toMatch(/^none yet/),
    );
    expect(api.callsOf('clearSignInClient')).toHaveLength(1);
  });
});
