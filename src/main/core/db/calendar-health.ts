import type { Db } from './connection.js';

/** The last sync error of one calendar; null once it synced again. */
export interface CalendarSyncError {
  code: string;
  message: string;
  at: string;
}

/**
 * Per-calendar sync state beside the mirror: its own error, and how many incremental listings in
 * a row Google answered 410 (fullSyncRequired).
 */
export class CalendarHealth {
  constructor(private readonly db: Db) {}

  /** The calendar's 410 streak, and whether it has an error recorded. */
  get(calendarRef: number): { expiredStreak: number; failed: boolean } {
    const row = this.db
      .prepare<[number], { streak: number; failed: number }>(
        `SELECT expired_token_streak AS streak, sync_error_code IS NOT NULL AS failed
         FROM calendars WHERE id = ?`,
      )
      .get(calendarRef);
    return { expiredStreak: row?.streak ?? 0, failed: row?.failed === 1 };
  }

  setExpiredStreak(calendarRef: number, streak: number): void {
    this.db
      .prepare('UPDATE calendars SET expired_token_streak = ? WHERE id = ?')
      .run(streak, calendarRef);
  }

  /** Records the calendar's error of this run (null: it synced, any earlier error is cleared). */
  setError(calendarRef: number, error: CalendarSyncError | null): void {
    this.db
      .prepare(
        `UPDATE calendars SET sync_error_code = ?, sync_error_message = ?, sync_error_at = ?
         WHERE id = ?`,
      )
      .run(error?.code ?? null, error?.message ?? null, error?.at ?? null, calendarRef);
  }
}

/** The SQL columns of a calendar's error, for queries that list calendars. */
export const SYNC_ERROR_COLUMNS =
  'c.sync_error_code AS syncErrorCode, c.sync_error_message AS syncErrorMessage, ' +
  'c.sync_error_at AS syncErrorAt';

export function syncErrorOf(row: {
  syncErrorCode: string | null;
  syncErrorMessage: string | null;
  syncErrorAt: string | null;
}): CalendarSyncError | null {
  if (row.syncErrorCode === null) return null;
  return {
    code: row.syncErrorCode,
    message: row.syncErrorMessage ?? '',
    at: row.syncErrorAt ?? '',
  };
}
