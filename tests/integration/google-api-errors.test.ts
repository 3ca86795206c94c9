/**
 * A 403 names the API that refused it and what to do (issue 14): the People API and the Calendar
 * API are enabled separately in a Google Cloud project, and a missing calendar scope is not a
 * disabled API. Real client libraries against the fake Google.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Harness } from './harness.js';
import { syncCalendars } from './calendar-support.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** Google's answer when an API is switched off in the project (ErrorInfo SERVICE_DISABLED). */
const disabled = (service: string) => ({
  error: {
    code: 403,
    message: `${service} has not been used in project 123456789 before or it is disabled.`,
    errors: [{ message: 'disabled', domain: 'usageLimits', reason: 'accessNotConfigured' }],
    status: 'PERMISSION_DENIED',
    details: [
      {
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason: 'SERVICE_DISABLED',
        domain: 'googleapis.com',
      },
    ],
  },
});
const denied = {
  error: { code: 403, message: 'The caller does not have permission', status: 'PERMISSION_DENIED' },
};

describe('403 errors name the API and the action', () => {
  it('the Calendar API switched off: enable the Calendar API, not the People API', async () => {
    h = await Harness.start();
    h.fake.calendar.disableApi();
    const run = await syncCalendars(h);
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('API_DISABLED');
    expect(run.error?.message).toMatch(/Google Calendar API is not enabled/);
    expect(run.error?.message).toMatch(/Enable the Calendar API/);
    expect(run.error?.message).not.toMatch(/People/);
  });

  it('the People API switched off: enable the People API', async () => {
    h = await Harness.start();
    h.fake.injectFault({
      path: 'contactGroups',
      kind: 'status',
      status: 403,
      count: 5,
      body: disabled('People API'),
    });
    const run = await h.sync();
    expect(run.error?.code).toBe('API_DISABLED');
    expect(run.error?.message).toMatch(/Google People API is not enabled.*Enable the People API/);
  });

  it.each([
    ['calendarList', 'Calendar', 'People'],
    ['connections', 'People', 'Calendar'],
  ] as const)('any other 403 from %s names the %s API', async (path, api, other) => {
    h = await Harness.start();
    h.fake.injectFault({ path, kind: 'status', status: 403, count: 5, body: denied });
    const run = path === 'calendarList' ? await syncCalendars(h) : await h.sync();
    expect(run.error?.code).toBe('FORBIDDEN');
    expect(run.error?.message).toContain(`The Google ${api} API refused access`);
    expect(run.error?.message).not.toContain(other);
  });
});
