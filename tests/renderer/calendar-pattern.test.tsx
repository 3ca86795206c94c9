/** The agenda marks a series whose recurrence rule could not be expanded (issue #14). */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/App.js';
import { calendarApi, timed } from './calendar-fixtures.js';

afterEach(cleanup);

describe('Calendar section: a rule that cannot be expanded', () => {
  it('says the event repeats but its pattern is not shown; expanded series keep the plain mark', async () => {
    const api = calendarApi([
      timed('Odd series', 0, 23, { seriesId: 's1', patternNotShown: true }),
      timed('Stand-up', 1, 9, { seriesId: 's2' }),
    ]);
    render(<App api={api} initialSection="Calendar" />);
    const odd = await waitFor(() => screen.getByText('Odd series').closest('li')!);
    expect(within(odd).getByText('↻ repeats — pattern not shown')).toBeTruthy();
    expect(within(odd).queryByLabelText('Repeats')).toBeNull();
    const standUp = screen.getByText('Stand-up').closest('li')!;
    expect(within(standUp).getByLabelText('Repeats')).toBeTruthy();
    expect(standUp.textContent).not.toContain('pattern not shown');
  });
});
