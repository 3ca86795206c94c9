import { describe, expect, it } from 'vitest';
import { toEventRecord } from '../../src/main/core/google/calendar-event.js';
import { defaultSettings, scheduleFor } from '../../src/main/core/settings/schema.js';
import { parseSettings } from '../../src/main/core/settings/settings-service.js';

describe('toEventRecord', () => {
  it('keeps the date of an all-day event and reads it as midnight in the calendar zone', () => {
    const record = toEventRecord(
      { id: 'a1', etag: '"1"', start: { date: '2026-07-01' }, end: { date: '2026-07-04' } },
      'America/New_York',
    );
    expect(record).toMatchObject({
      allDay: true,
      start: '2026-07-01',
      end: '2026-07-04',
      startUtc: '2026-07-01T04:00:00.000Z',
      endUtc: '2026-07-04T04:00:00.000Z',
      status: 'confirmed',
      recurrence: null,
    });
  });

  it('keeps a timed event as sent, with its zone, and its instants', () => {
    const record = toEventRecord(
      {
        id: 't1',
        start: { dateTime: '2026-03-29T01:30:00+01:00', timeZone: 'Europe/Berlin' },
        end: { dateTime: '2026-03-29T03:30:00+02:00', timeZone: 'Europe/Berlin' },
        recurrence: ['RRULE:FREQ=DAILY'],
      },
      'UTC',
    );
    expect(record).toMatchObject({
      allDay: false,
      start: '2026-03-29T01:30:00+01:00',
      timeZone: 'Europe/Berlin',
      startUtc: '2026-03-29T00:30:00.000Z',
      endUtc: '2026-03-29T01:30:00.000Z',
      recurrence: '["RRULE:FREQ=DAILY"]',
    });
  });

  it('takes a cancelled instance that has nothing but its series and original start', () => {
    const event = {
      id: 's1_20260113T080000Z',
      status: 'cancelled',
      recurringEventId: 's1',
      originalStartTime: { dateTime: '2026-01-13T09:00:00+01:00', timeZone: 'Europe/Berlin' },
    };
    expect(toEventRecord(event, 'Europe/Berlin')).toMatchObject({
      status: 'cancelled',
      summary: null,
      start: null,
      startUtc: null,
      recurringEventId: 's1',
      originalStart: '2026-01-13T08:00:00.000Z',
      raw: JSON.stringify(event),
    });
  });
});

describe('calendar settings', () => {
  it('are off by default, every 4 hours from midnight once on', () => {
    expect(defaultSettings().calendar).toEqual({
      enabled: false,
      everyHours: 4,
      at: '00:00',
      showBirthdays: false,
    });
    const off = scheduleFor(defaultSettings(), 'me@example.com', 'calendar');
    expect(off.enabled).toBe(false);
    const settings = parseSettings({
      schedule: { timeZone: 'Europe/Berlin', pausedUntil: 'indefinitely' },
      calendar: { enabled: true },
    }).settings;
    // Own cadence; pause and zone follow the account's schedule.
    expect(scheduleFor(settings, 'me@example.com', 'calendar')).toEqual({
      enabled: true,
      at: '00:00',
      everyHours: 4,
      pausedUntil: 'indefinitely',
      timeZone: 'Europe/Berlin',
    });
    expect(scheduleFor(settings, 'me@example.com').everyHours).toBe(24);
  });

  it('an invalid calendar cadence falls back to its default', () => {
    const loaded = parseSettings({ calendar: { enabled: true, everyHours: 5 } });
    expect(loaded.settings.calendar).toEqual({
      enabled: true,
      everyHours: 4,
      at: '00:00',
      showBirthdays: false,
    });
    expect(loaded.warnings[0]).toMatch(/^calendar\.everyHours/);
  });
});
