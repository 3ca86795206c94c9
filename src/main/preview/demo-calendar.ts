/**
 * The demo account's calendars: a plausible few weeks around today (a weekly stand-up, one-off
 * appointments, all-day and multi-day events, a yearly birthday, a "last weekday of the month"
 * series with a stand-up moved in its week) in the fake Google, and, with
 * `--calendar`, calendar sync turned on so the Calendar section shows them after a sync.
 */
import type { FakeGoogle } from '../../../tests/fake-google/server.js';
import { instantOf } from '../core/schedule/local-time.js';
import { ConfSettingsStore } from '../core/settings/conf-store.js';
import { SettingsService } from '../core/settings/settings-service.js';

const ZONE = 'Europe/Berlin';
const DAY = 86_400_000;

const pad = (n: number) => String(n).padStart(2, '0');

/** Today + `days` in the computer's zone, as YYYY-MM-DD. */
function day(days: number): string {
  const t = new Date(Date.now() + days * DAY);
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}`;
}

/** A wall time in Europe/Berlin, as Google sends it: the instant, and the zone it is set in. */
function wall(days: number, time: string) {
  const [year = 1970, month = 1, date = 1] = day(days).split('-').map(Number);
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  const instant = instantOf({ year, month, day: date, hour, minute }, ZONE);
  return { dateTime: new Date(instant).toISOString(), timeZone: ZONE };
}

const allDay = (days: number, length = 1) => ({
  start: { date: day(days) },
  end: { date: day(days + length) },
});

const weekdayIn = (days: number) => new Date(Date.now() + days * DAY).getDay();
const isWeekday = (days: number) => ![0, 6].includes(weekdayIn(days));
const monthOf = (days: number) => new Date(Date.now() + days * DAY).getMonth();

/** Days from today to the next last weekday of a month (today included). */
function nextLastWeekday(): number {
  for (let d = 0; ; d++) {
    const laterInMonth = [1, 2, 3].some((k) => monthOf(d + k) === monthOf(d) && isWeekday(d + k));
    if (isWeekday(d) && !laterInMonth) return d;
  }
}

/** A Monday, Wednesday or Friday of the week of `days` (Monday to Sunday), today or later. */
function standUpDayNear(days: number): number {
  const monday = days - ((weekdayIn(days) + 6) % 7);
  return [0, 2, 4].map((k) => monday + k).find((d) => d >= 0 && d !== days) ?? days;
}

export function seedDemoCalendar(fake: FakeGoogle, email: string): void {
  const cal = fake.calendar;
  cal.updateCalendar(email, { summary: email, timeZone: ZONE });
  const add = (input: Parameters<typeof cal.addEvent>[1]) => cal.addEvent(email, input);
  const standUp = add({
    summary: 'Team stand-up',
    location: 'Google Meet',
    start: wall(-14, '09:30'),
    end: wall(-14, '09:45'),
    recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR'],
  });
  // "Last weekday of the month", as Outlook invitations write it (issue #14), and in its week one
  // stand-up moved: a modified instance of the series.
  const monthEnd = nextLastWeekday();
  add({
    summary: 'Month-end report',
    location: 'Finance',
    start: wall(monthEnd, '16:00'),
    end: wall(monthEnd, '17:00'),
    recurrence: ['RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1'],
  });
  const moved = standUpDayNear(monthEnd);
  cal.modifyOccurrence(email, standUp, wall(moved, '09:30'), {
    summary: 'Team stand-up (moved)',
    start: wall(moved, '11:00'),
    end: wall(moved, '11:15'),
  });
  add({
    summary: '1:1 with Priya',
    location: 'Room 4.12',
    start: wall(-6, '14:00'),
    end: wall(-6, '14:30'),
    recurrence: ['RRULE:FREQ=WEEKLY;COUNT=8'],
  });
  add({
    summary: 'Lunch with Marco',
    location: 'Café Einstein',
    start: wall(1, '12:30'),
    end: wall(1, '13:30'),
  });
  add({
    summary: 'Dentist',
    location: 'Praxis Dr. Weber, Kastanienallee 12',
    start: wall(2, '08:30'),
    end: wall(2, '09:15'),
  });
  add({
    summary: 'Quarterly planning',
    location: 'Room 4.12',
    start: wall(5, '10:00'),
    end: wall(5, '12:00'),
  });
  add({
    summary: 'Flight ✈ BER → LIS',
    location: 'BER Terminal 1',
    start: wall(8, '07:10'),
    end: wall(8, '10:05'),
  });
  add({ summary: 'JSConf EU', location: 'Lisbon', ...allDay(8, 3) });
  add({ summary: 'Mum’s birthday 🎂', ...allDay(12), recurrence: ['RRULE:FREQ=YEARLY'] });
  add({
    summary: 'Book club: “Klara and the Sun”',
    start: wall(16, '19:00'),
    end: wall(16, '21:00'),
  });
  add({ summary: 'Public holiday', ...allDay(22) });
  // Not mirrored until chosen in Settings (only the primary calendar is, at first).
  cal.addCalendar({ id: 'family@group.calendar.google.com', summary: 'Family', timeZone: ZONE });
  cal.addEvent('family@group.calendar.google.com', {
    summary: 'Parents’ evening',
    start: wall(3, '18:00'),
    end: wall(3, '19:30'),
  });
}

/** Turns calendar sync on in the app's settings file, as the Settings switch would. */
export function enableCalendarSync(settingsFile: string): void {
  new SettingsService(new ConfSettingsStore(settingsFile)).update((draft) => {
    draft.calendar.enabled = true;
  });
}
