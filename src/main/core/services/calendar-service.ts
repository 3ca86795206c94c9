/**
 * What the CLI and (later) the UI need of the calendar mirror: the calendars and which are
 * mirrored, the on/off switch of calendar sync, and the agenda with recurring events expanded.
 */
import type { AgendaItem, AgendaQuery, CalendarSummary } from '../../../shared/calendar.js';
import { seriesItems, singleItem } from '../calendar/agenda.js';
import { agendaRows, seriesKey } from '../db/calendar-queries.js';
import { SYNC_ERROR_COLUMNS, syncErrorOf } from '../db/calendar-health.js';
import { CalendarsStore } from '../db/calendar-store.js';
import type { Db } from '../db/connection.js';
import { eventsListing, SyncStateRepo } from '../db/sync-state.js';
import { AppError } from '../errors.js';
import type { Settings } from '../settings/schema.js';

/** SettingsService, as far as the calendar switch goes. */
export interface CalendarSettings {
  get(): Settings;
  update(change: (draft: Settings) => void): Settings;
}

interface CalendarRow {
  accountId: number;
  account: string;
  calendarId: string;
  summary: string | null;
  timeZone: string | null;
  accessRole: string | null;
  backgroundColor: string | null;
  primary: number;
  hidden: number;
  selected: number;
  deletedAt: string | null;
  events: number;
  syncErrorCode: string | null;
  syncErrorMessage: string | null;
  syncErrorAt: string | null;
}

export class CalendarService {
  private readonly syncState: SyncStateRepo;

  constructor(
    private readonly db: Db,
    private readonly settings?: CalendarSettings,
  ) {
    this.syncState = new SyncStateRepo(db);
  }

  /** Whether calendar sync is on (it then needs the calendar read-only scope). */
  enabled(): boolean {
    return this.settings?.get().calendar.enabled ?? false;
  }

  setEnabled(enabled: boolean): void {
    if (!this.settings) throw new AppError('INTERNAL', 'Settings are not wired here.');
    this.settings.update((draft) => {
      draft.calendar.enabled = enabled;
    });
  }

  /** Whether contact birthdays (eventType `birthday`) are mirrored; takes effect at the next run. */
  setShowBirthdays(show: boolean): void {
    if (!this.settings) throw new AppError('INTERNAL', 'Settings are not wired here.');
    this.settings.update((draft) => {
      draft.calendar.showBirthdays = show;
    });
  }

  /** The calendars of one account (or all), primary first; removed ones only when asked. */
  listCalendars(options: { accountId?: number; includeDeleted?: boolean } = {}): CalendarSummary[] {
    const rows = this.db
      .prepare<[number | null, number | null, number], CalendarRow>(
        `SELECT c.account_id AS accountId, a.email AS account, c.calendar_id AS calendarId,
           c.summary, c.time_zone AS timeZone, c.access_role AS accessRole,
           c.background_color AS backgroundColor, c.is_primary AS "primary", c.hidden, c.selected,
           c.deleted_at AS deletedAt, ${SYNC_ERROR_COLUMNS},
           (SELECT count(*) FROM calendar_events e WHERE e.calendar_ref = c.id
              AND e.deleted_at IS NULL AND e.recurring_event_id IS NULL) AS events
         FROM calendars c JOIN accounts a ON a.id = c.account_id
         WHERE (? IS NULL OR c.account_id = ?) AND (? = 1 OR c.deleted_at IS NULL)
         ORDER BY a.email, c.is_primary DESC, c.summary COLLATE NOCASE, c.calendar_id`,
      )
      .all(options.accountId ?? null, options.accountId ?? null, options.includeDeleted ? 1 : 0);
    return rows.map(({ syncErrorCode, syncErrorMessage, syncErrorAt, ...row }) => {
      const state = this.syncState.get(row.accountId, eventsListing(row.calendarId));
      return {
        ...row,
        syncError: syncErrorOf({ syncErrorCode, syncErrorMessage, syncErrorAt }),
        primary: row.primary === 1,
        hidden: row.hidden === 1,
        selected: row.selected === 1,
        lastFullSyncAt: state.lastFullSyncAt,
        lastIncrementalSyncAt: state.lastIncrementalSyncAt,
      };
    });
  }

  /**
   * Chooses whether a calendar is mirrored. A newly chosen one is listed in full by the next
   * calendar run; one no longer chosen keeps its events (and token) but leaves the agenda.
   */
  setSelected(accountId: number, calendarId: string, selected: boolean): CalendarSummary {
    if (!new CalendarsStore(this.db, accountId).setSelected(calendarId, selected)) {
      throw new AppError('NOT_FOUND', `There is no calendar "${calendarId}" in this account.`);
    }
    const summary = this.listCalendars({ accountId, includeDeleted: true }).find(
      (c) => c.calendarId === calendarId,
    );
    if (!summary) throw new AppError('NOT_FOUND', `There is no calendar "${calendarId}".`);
    return summary;
  }

  /** Occurrences overlapping [from, to) in the mirrored calendars, by start. */
  agenda(query: AgendaQuery): AgendaItem[] {
    const from = Date.parse(query.from);
    const to = Date.parse(query.to);
    if (Number.isNaN(from) || Number.isNaN(to) || to <= from) {
      throw new AppError('INVALID_ARGUMENT', 'The agenda needs a start before its end.');
    }
    const rows = agendaRows(this.db, { ...query, from: new Date(from), to: new Date(to) });
    const items: AgendaItem[] = [];
    for (const row of rows.singles) {
      const single = singleItem(row, row.recurringEventId);
      if (single) items.push(single);
    }
    for (const row of rows.series) {
      const taken = rows.exceptions.get(seriesKey(row)) ?? new Set<string>();
      items.push(...seriesItems(row, taken, from, to));
    }
    return items.sort(
      (a, b) =>
        a.startUtc.localeCompare(b.startUtc) || (a.summary ?? '').localeCompare(b.summary ?? ''),
    );
  }
}
