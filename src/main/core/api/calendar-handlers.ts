/**
 * The calendar's calls (issue #7): the calendars and which are mirrored, the agenda, and whether
 * each account may read its calendars. Kept beside the handler table, which spreads them in.
 */
import type { ApiResponses, ParsedRequest } from '../../../shared/api/contract.js';
import type {
  AgendaItem,
  AgendaQuery,
  CalendarAccountStatus,
  CalendarSummary,
} from '../../../shared/calendar.js';
import type { Clock } from '../clock.js';
import type { AccountsRepo } from '../db/accounts-repo.js';
import { AppError } from '../errors.js';
import { notAvailable } from './failures.js';

const DAY_MS = 86_400_000;
/** What the agenda shows when asked for no range: the next 30 days. */
export const DEFAULT_AGENDA_DAYS = 30;
/** Expanding recurring series is work per occurrence: a year (and a day) at most per request. */
export const MAX_AGENDA_DAYS = 366;

/** CalendarService, as far as the API goes. */
export interface CalendarPort {
  enabled(): boolean;
  listCalendars(options: { accountId?: number }): CalendarSummary[];
  setSelected(accountId: number, calendarId: string, selected: boolean): CalendarSummary;
  agenda(query: AgendaQuery): AgendaItem[];
}

/** Each account's calendar access (CalendarAccessService). */
export interface CalendarAccessSource {
  status(): CalendarAccountStatus[];
}

export interface CalendarHandlerContext {
  clock: Clock;
  accounts: AccountsRepo;
  calendar?: CalendarPort | undefined;
  calendarAccess?: CalendarAccessSource | undefined;
}

type CalendarMethod = 'listCalendars' | 'setCalendarSelected' | 'getAgenda' | 'getCalendarStatus';
type CalendarHandlers = {
  [M in CalendarMethod]: (request: ParsedRequest<M>) => ApiResponses[M];
};

/** The agenda's range: defaults filled in from now, and a bound on its length. */
export function agendaRange(
  request: { from?: string | undefined; to?: string | undefined },
  now: Date,
): { from: string; to: string } {
  const from = request.from !== undefined ? Date.parse(request.from) : now.getTime();
  const to =
    request.to !== undefined ? Date.parse(request.to) : from + DEFAULT_AGENDA_DAYS * DAY_MS;
  if (to <= from) {
    throw new AppError('INVALID_ARGUMENT', 'The agenda’s end must come after its start.');
  }
  if (to - from > MAX_AGENDA_DAYS * DAY_MS) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `The agenda covers at most ${MAX_AGENDA_DAYS} days at a time. Choose a shorter range.`,
    );
  }
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

export function calendarHandlers(ctx: CalendarHandlerContext): CalendarHandlers {
  const calendar = (): CalendarPort => {
    if (!ctx.calendar) throw notAvailable('Calendar sync');
    return ctx.calendar;
  };
  return {
    listCalendars: ({ accountId }) => {
      if (accountId !== undefined) ctx.accounts.get(accountId);
      return calendar().listCalendars(accountId !== undefined ? { accountId } : {});
    },

    setCalendarSelected: ({ accountId, calendarId, selected }) => {
      ctx.accounts.get(accountId);
      return calendar().setSelected(accountId, calendarId, selected);
    },

    getAgenda: ({ from, to, query, accountId }) => {
      if (accountId !== undefined) ctx.accounts.get(accountId);
      const text = query?.trim();
      return calendar().agenda({
        ...agendaRange({ from, to }, ctx.clock.now()),
        ...(text ? { query: text } : {}),
        ...(accountId !== undefined ? { accountId } : {}),
      });
    },

    getCalendarStatus: () => {
      if (!ctx.calendarAccess) throw notAvailable('Calendar sync');
      return ctx.calendarAccess.status();
    },
  };
}
