/** Settings' "Pause auto-sync" and "Paused until … — Resume" against the typed fake API. */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/App.js';
import { FakeApi, idleStatus } from './fake-api.js';

afterEach(cleanup);

const pauseGroup = () => screen.findByRole('group', { name: 'Pause auto-sync' });

describe('Settings: pause auto-sync', () => {
  it('pauses until resumed, shows it with a Resume button, and resumes', async () => {
    const api = new FakeApi();
    render(<App api={api} initialSection="Settings" />);
    const group = await pauseGroup();
    expect(
      within(group)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['For 1 hour', 'Until tomorrow', 'Until I resume']);

    fireEvent.click(within(group).getByRole('button', { name: 'Until I resume' }));
    expect(api.callsOf('pauseAutoSync')).toEqual([{ until: 'indefinitely' }]);
    const paused = await screen.findByText('Paused until you resume');
    expect(screen.queryByRole('group', { name: 'Pause auto-sync' })).toBeNull();
    // The next run is asked again once the pause changed.
    await waitFor(() =>
      expect(screen.getByTestId('next-run').textContent).toBe(
        'No run is planned until you resume.',
      ),
    );

    fireEvent.click(within(paused.parentElement!).getByRole('button', { name: 'Resume' }));
    expect(api.callsOf('resumeAutoSync')).toHaveLength(1);
    await pauseGroup();
    expect(screen.queryByText(/Paused until/)).toBeNull();
  });

  it('says until when an hour’s pause lasts, with the exact time on hover', async () => {
    const api = new FakeApi();
    render(<App api={api} initialSection="Settings" />);
    fireEvent.click(within(await pauseGroup()).getByRole('button', { name: 'For 1 hour' }));
    expect(api.callsOf('pauseAutoSync')).toEqual([{ until: '1h' }]);
    // The fake pauses until 2026-05-04T12:00Z: another day than today, so the day is named.
    const until = new Date('2026-05-04T12:00:00.000Z');
    const time = until.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
    const text = await screen.findByText(/^Paused until /);
    expect(text.textContent).toContain(time);
    expect(text.textContent).toContain(until.toLocaleDateString(undefined, { day: 'numeric' }));
    expect(text.getAttribute('title')).toBe(until.toLocaleString());
  });

  it('follows a pause made elsewhere (the tray), and shows a refused resume by its message', async () => {
    const api = new FakeApi();
    api.answers.resumeAutoSync = () => ({
      ok: false,
      error: { code: 'NOT_AVAILABLE', message: 'Pausing auto-sync is not available here.' },
    });
    render(<App api={api} initialSection="Settings" />);
    await pauseGroup();
    act(() =>
      api.emit(
        'statusChanged',
        idleStatus({ state: 'paused', autoSyncPausedUntil: 'indefinitely' }),
      ),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Resume' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Pausing auto-sync is not available here.',
    );
    expect(screen.getByText('Paused until you resume')).toBeTruthy();
  });

  it('offers no pause while automatic sync is off', async () => {
    const api = new FakeApi();
    api.settings.autoSync = false;
    render(<App api={api} initialSection="Settings" />);
    const buttons = within(await pauseGroup()).getAllByRole('button');
    expect(buttons.every((b) => (b as HTMLButtonElement).disabled)).toBe(true);
    await waitFor(() =>
      expect(screen.getByTestId('next-run').textContent).toMatch(/Automatic sync is off/),
    );
  });
});
