/** Settings → Photos: the cap of the photo cache. */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { App } from '../../src/renderer/App.js';
import { FakeApi } from './fake-api.js';

afterEach(cleanup);

it('shows the cap and saves a new one', async () => {
  const api = new FakeApi();
  render(<App api={api} initialSection="Settings" />);
  const cap = (await screen.findByRole('combobox', {
    name: /Keep contact photos up to/,
  })) as HTMLSelectElement;
  expect(cap.value).toBe('200');
  expect(cap.selectedOptions[0]?.textContent).toBe('200 MB');
  fireEvent.change(cap, { target: { value: '1000' } });
  await waitFor(() => expect(api.callsOf('updateSettings')).toEqual([{ photoCacheMb: 1000 }]));
});

it('offers a cap set in the settings file as it is', async () => {
  const api = new FakeApi();
  api.settings = { ...api.settings, photoCacheMb: 300 };
  render(<App api={api} initialSection="Settings" />);
  const cap = (await screen.findByRole('combobox', {
    name: /Keep contact photos up to/,
  })) as HTMLSelectElement;
  expect(cap.value).toBe('300');
});
