/** The window's layout: one h1 per section, naming it. */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App, SECTIONS } from '../../src/renderer/App.js';
import { FakeApi } from './fake-api.js';

afterEach(cleanup);

describe('layout', () => {
  it.each(SECTIONS)('%s has exactly one h1, its name', async (section) => {
    render(<App api={new FakeApi()} initialSection={section} />);
    const headings = await screen.findAllByRole('heading', { level: 1 });
    expect(headings.map((h) => h.textContent)).toEqual([section]);
  });
});
