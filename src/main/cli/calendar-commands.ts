/** `contacts-sync calendars …` (the calendar list, which are mirrored, on/off) and `events`. */
import type { AgendaItem, CalendarSummary } from '../../shared/calendar.js';
import { AppError } from '../core/errors.js';
import { instantOf, localDayPlus, wallTime } from '../core/schedule/local-time.js';
import type { CalendarService } from '../core/services/calendar-service.js';
import { systemTimeZone } from '../core/settings/schema.js';
import type { CliContext } from './context.js';
import { relativeTime, table } from './format.js';
import { print } from './output.js';

const DAY_MS = 86_400_000;

function service(ctx: CliContext): CalendarService {
  if (!ctx.calendar) throw new AppError('INTERNAL', 'Calendar sync is not wired here.');
  return ctx.calendar;
}

/** The zone dates on the command line and times in the output are read in. */
const displayZone = (ctx: CliContext): string =>
  ctx.background?.settings.get().schedule.timeZone ?? systemTimeZone();

export function calendarsCommand(ctx: CliContext): number {
  const [sub = 'list', calendarId] = ctx.args.positionals;
  const calendars = service(ctx);
  switch (sub) {
    case 'list':
      return list(ctx);
    case 'enable':
    case 'disable': {
      calendars.setEnabled(sub === 'enable');
      const accounts = ctx.accounts.list().filter((a) => a.status !== 'disconnected');
      const grant = accounts.map((a) => `  contacts-sync connect --account ${a.email}`);
      print(ctx, { enabled: sub === 'enable' }, () =>
        sub === 'enable'
          ? [
              'Calendar sync is on: "contacts-sync sync" and the schedule now cover your chosen calendars (default: the primary one).',
              ...(grant.length
                ? ['If you have not granted calendar access yet, reconnect to grant it:', ...grant]
                : []),
            ].join('\n')
          : 'Calendar sync is off. The calendars already mirrored stay on this computer.',
      );
      return 0;
    }
    case 'select':
    case 'deselect': {
      if (!calendarId) {
        throw new AppError(
          'INVALID_ARGUMENT',
          `Give the calendar's id: contacts-sync calendars ${sub} ID [--account EMAIL] (see "contacts-sync calendars").`,
        );
      }
      const account = ctx.args.account
        ? ctx.accounts.requireByEmail(ctx.args.account)
        : onlyAccount(ctx);
      const summary = calendars.setSelected(account.id, calendarId, sub === 'select');
      print(ctx, summary, () =>
        summary.selected
          ? `${summary.summary ?? calendarId} will be mirrored from the next calendar sync on.`
          : `${summary.summary ?? calendarId} is no longer mirrored (its events leave the agenda).`,
      );
      return 0;
    }
    case 'birthdays': {
      const choice = calendarId;
      if (choice !== 'on' && choice !== 'off') {
        throw new AppError(
          'INVALID_ARGUMENT',
          'Say on or off: contacts-sync calendars birthdays on|off.',
        );
      }
      calendars.setShowBirthdays(choice === 'on');
      print(ctx, { showBirthdays: choice === 'on' }, () =>
        choice === 'on'
          ? "Your contacts' birthdays from Google Calendar are mirrored from the next calendar sync on."
          : 'Birthdays leave the mirror at the next calendar sync.',
      );
      return 0;
    }
    default:
      throw new AppError(
        'INVALID_ARGUMENT',
        `Unknown calendars command "${sub}". Use list, enable, disable, select, deselect or birthdays.`,
      );
  }
}

function onlyAccount(ctx: CliContext) {
  const accounts = ctx.accounts.list().filter((a) => a.status !== 'disconnected');
  const [first, second] = accounts;
  if (!first)
    throw new AppError('NO_ACCOUNTS', 'No accounts yet. Connect one with: contacts-sync connect');
  if (second)
    throw new AppError('INVALID_ARGUMENT', 'Several accounts: say which with --account EMAIL.');
  return first;
}

function list(ctx: CliContext): number {
  const accountId = ctx.args.account ? ctx.accounts.requireByEmail(ctx.args.account).id : undefined;
  const calendars = service(ctx).listCalendars(accountId === undefined ? {} : { accountId });
  const now = ctx.clock.now().getTime();
  const lastSync = (c: CalendarSummary) =>
    relativeTime(
      [c.lastFullSyncAt, c.lastIncrementalSyncAt].filter(Boolean).sort().pop() ?? null,
      now,
    );
  print(ctx, calendars, () =>
    calendars.length === 0
      ? service(ctx).enabled()
        ? 'No calendars yet. Run: contacts-sync sync'
        : 'Calendar sync is off. Turn it on with: contacts-sync calendars enable'
      : table(
          ['MIRRORED', 'CALENDAR', 'ID', 'EVENTS', 'LAST SYNC', 'ACCOUNT'],
          calendars.map((c) => [
            c.selected ? 'yes' : 'no',
            `${c.summary ?? '(no name)'}${c.primary ? ' (primary)' : ''}${c.hidden ? ' (hidden)' : ''}`,
            c.calendarId,
            String(c.events),
            c.selected ? lastSync(c) : '',
            c.account,
          ]),
        ) + problems(calendars),
  );
  return 0;
}

/** Below the table: why the latest run skipped a mirrored calendar, in its own words. */
function problems(calendars: CalendarSummary[]): string {
  const lines = calendars
    .filter((c) => c.selected && c.syncError)
    .map((c) => `${c.summary ?? c.calendarId}: ${c.syncError?.message ?? ''}`);
  return lines.length > 0 ? `\n\n${lines.join('\n')}` : '';
}

/** `2026-03-01` is local midnight in `zone`; anything else must be an ISO instant. */
function parseDate(value: string, zone: string, option: string): { at: number; isDate: boolean } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m) {
    const wall = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: 0, minute: 0 };
    return { at: instantOf(wall, zone), isDate: true };
  }
  const at = Date.parse(value);
  if (Number.isNaN(at) || !/\d{2}:\d{2}/.test(value)) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `${option} must be a date (2026-03-01) or an ISO time, not "${value}".`,
    );
  }
  return { at, isDate: false };
}

/** The agenda: `--from` (default today) to `--to` (a date counts whole; default a week). */
export function eventsCommand(ctx: CliContext): number {
  const zone = displayZone(ctx);
  const now = ctx.clock.now().getTime();
  const today = instantOf({ ...localDayPlus(now, 0, zone), hour: 0, minute: 0 }, zone);
  const from = ctx.args.from ? parseDate(ctx.args.from, zone, '--from').at : today;
  let to = from + 7 * DAY_MS;
  if (ctx.args.to) {
    const parsed = parseDate(ctx.args.to, zone, '--to');
    to = parsed.isDate
      ? instantOf({ ...localDayPlus(parsed.at, 1, zone), hour: 0, minute: 0 }, zone)
      : parsed.at;
  }
  if (to <= from) throw new AppError('INVALID_ARGUMENT', '--to must come after --from.');
  const query = ctx.args.positionals.join(' ').trim();
  const accountId = ctx.args.account ? ctx.accounts.requireByEmail(ctx.args.account).id : undefined;
  const items = service(ctx).agenda({
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    ...(query ? { query } : {}),
    ...(accountId === undefined ? {} : { accountId }),
  });
  print(ctx, items, () =>
    items.length === 0
      ? 'No events in this period.'
      : table(
          ['WHEN', 'WHAT', 'WHERE', 'CALENDAR'],
          items.map((e) => [
            when(e, zone),
            `${e.summary ?? '(no title)'}${e.patternNotShown ? ' (repeats — pattern not shown)' : ''}`,
            e.location ?? '',
            e.calendarSummary ?? e.calendarId,
          ]),
        ),
  );
  return 0;
}

const two = (n: number) => String(n).padStart(2, '0');

function when(e: AgendaItem, zone: string): string {
  if (e.allDay) return `${e.start}  all day`;
  const s = wallTime(Date.parse(e.startUtc), zone);
  const end = wallTime(Date.parse(e.endUtc), zone);
  const date = `${s.year}-${two(s.month)}-${two(s.day)}`;
  return `${date} ${two(s.hour)}:${two(s.minute)}–${two(end.hour)}:${two(end.minute)}`;
}
