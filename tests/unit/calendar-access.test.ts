/** Whether an account may read its calendars: the latest calendar run, then the grant's scope. */
import { describe, expect, it } from 'vitest';
import { CALENDAR_SCOPE, CONTACTS_SCOPE } from '../../src/main/core/auth/sign-in.js';
import { calendarAccess } from '../../src/main/core/services/calendar-access.js';
import { run } from './api-fixtures.js';

const contactsOnly = `${CONTACTS_SCOPE} openid email`;
const withCalendar = `${contactsOnly} ${CALENDAR_SCOPE}`;
const scopeMissing = run({
  resource: 'calendar',
  status: 'failed',
  error: { code: 'SCOPE_MISSING', message: 'Reconnect' },
});

describe('calendar access', () => {
  it('reads the grant before any calendar run', () => {
    expect(calendarAccess(contactsOnly, null)).toBe('missing');
    expect(calendarAccess(withCalendar, null)).toBe('granted');
    expect(calendarAccess(undefined, null)).toBe('unknown');
  });

  it('trusts a reconnect that added the scope over the failure before it', () => {
    expect(calendarAccess(withCalendar, scopeMissing)).toBe('granted');
    expect(calendarAccess(contactsOnly, scopeMissing)).toBe('missing');
  });

  it('falls back on the runs when the tokens carry no scope', () => {
    expect(calendarAccess(undefined, scopeMissing)).toBe('missing');
    expect(calendarAccess(undefined, run({ resource: 'calendar' }))).toBe('granted');
    const network = run({ status: 'failed', error: { code: 'NETWORK', message: 'offline' } });
    expect(calendarAccess(undefined, network)).toBe('unknown');
  });

  it('takes a successful calendar run as proof whatever the stored scope says', () => {
    expect(calendarAccess(contactsOnly, run({ resource: 'calendar' }))).toBe('granted');
  });
});
