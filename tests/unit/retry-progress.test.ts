/**
 * A waiting retry, said the same way everywhere (CLI progress line, tray tooltip and menu), and
 * the retry arithmetic behind it: budget, Retry-After beyond it, timed-out attempts, Cancel.
 */
import { describe, expect, it } from 'vitest';
import { progressLine } from '../../src/main/cli/format.js';
import { GoogleApiError } from '../../src/main/core/google/errors.js';
import {
  retryDelay,
  untilAborted,
  waitText,
  withRetry,
  type RetryNotice,
  type RetryPolicy,
} from '../../src/main/core/sync/retry.js';
import { trayMenuTemplate, trayTooltip } from '../../src/main/shell/tray.js';
import { retryText } from '../../src/shared/api/status-text.js';
import type { Account, SyncProgress } from '../../src/shared/domain.js';
import { RunProgress } from '../../src/main/core/sync/run-progress.js';
import { NOW, progress, status } from './api-fixtures.js';

const RETRY = { attempt: 3, attempts: 6, delayMs: 8000, code: 'RATE_LIMITED' };

describe('a waiting retry in progress', () => {
  it('reads "retrying in 8 s, attempt 3 of 6"', () => {
    expect(retryText(RETRY)).toBe('retrying in 8 s, attempt 3 of 6');
    expect(retryText({ ...RETRY, delayMs: 120_000 })).toBe('retrying in 2 min, attempt 3 of 6');
  });

  it('shows in the CLI progress line, and goes when the next page arrives', () => {
    expect(progressLine(progress({ retry: RETRY }))).toMatch(
      /42% 420\/1000 contacts \(retrying in 8 s, attempt 3 of 6\)$/,
    );
    expect(progressLine(progress({ total: null, retry: RETRY }))).toBe(
      'ada@example.com: 420 contacts fetched (retrying in 8 s, attempt 3 of 6)',
    );
    expect(progressLine(progress())).not.toMatch(/retrying/);
  });

  it('shows in the tray tooltip and menu', () => {
    const syncing = status({ state: 'syncing', progress: [progress({ retry: RETRY })] });
    expect(trayTooltip(syncing, NOW)).toBe(
      'Contacts Sync Agent: Syncing… 42% (retrying in 8 s, attempt 3 of 6)',
    );
    const menu = trayMenuTemplate(syncing, NOW, {} as never, { canPause: false });
    expect(menu[0]?.label).toBe('Syncing… 42% (retrying in 8 s, attempt 3 of 6)');
    const moving = status({ state: 'syncing', progress: [progress()] });
    expect(trayTooltip(moving, NOW)).toBe('Contacts Sync Agent: Syncing… 42%');
  });
});

describe('retry budget', () => {
  const policy: RetryPolicy = {
    delaysMs: [4000, 8000, 16_000, 32_000, 60_000],
    jitter: 0.5,
    budgetMs: 120_000,
  };
  const transient = (
    code: 'SERVER_ERROR' | 'RATE_LIMITED' = 'SERVER_ERROR',
    retryAfterMs: number | null = null,
  ) => new GoogleApiError(code, 'x', 503, true, retryAfterMs);

  it('never pauses past the budget', () => {
    expect(retryDelay(policy, 4, transient(), 100_000, () => 0)).toBe(20_000);
    expect(retryDelay(policy, 4, transient(), 120_000, () => 0)).toBeNull();
  });

  it('a Retry-After beyond the budget fails with when Google allows the next try', () => {
    const later = { ...policy, now: () => Date.parse('2026-12-07T10:00:00Z') };
    let thrown: unknown;
    try {
      retryDelay(later, 0, transient('RATE_LIMITED', 15 * 60_000), 0);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GoogleApiError);
    const error = thrown as GoogleApiError;
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.transient).toBe(false);
    expect(error.retryAfterMs).toBe(15 * 60_000);
    expect(error.message).toMatch(/wait 15 min before trying again \(until about /);
    // What remains of the budget decides, not the whole of it.
    expect(() => retryDelay(policy, 1, transient('RATE_LIMITED', 60_000), 70_000)).toThrow(
      /wait 60 s/,
    );
  });

  it('says waits plainly', () => {
    expect([waitText(800), waitText(45_000), waitText(600_000), waitText(7_200_000)]).toEqual([
      '1 s',
      '45 s',
      '10 min',
      '2 h',
    ]);
  });

  it('counts attempts that ended by a deadline against the budget', async () => {
    let clock = 0;
    const pauses: number[] = [];
    const timedOut = new GoogleApiError('TIMEOUT', 'slow', null, true, null);
    const run = withRetry(
      async () => {
        clock += 50_000; // each attempt waits out a 50 s deadline
        throw timedOut;
      },
      { ...policy, random: () => 0, now: () => clock, sleep: async (ms) => void pauses.push(ms) },
      new AbortController().signal,
      () => undefined,
    );
    await expect(run).rejects.toBe(timedOut);
    // 50 s + 4 s + 50 s + 8 s = 112 s spent; the third deadline takes it past 120 s.
    expect(pauses).toEqual([4000, 8000]);
  });

  it('tells each pause before it starts, numbered as attempts', async () => {
    const notices: RetryNotice[] = [];
    let calls = 0;
    await withRetry(
      async () => {
        if (++calls < 3) throw transient();
        return 'ok';
      },
      { ...policy, random: () => 1, sleep: async () => undefined },
      new AbortController().signal,
      () => undefined,
      (notice) => notices.push(notice),
    );
    expect(notices).toEqual([
      { attempt: 2, attempts: 6, delayMs: 2000, code: 'SERVER_ERROR' },
      { attempt: 3, attempts: 6, delayMs: 4000, code: 'SERVER_ERROR' },
    ]);
  });
});

describe('untilAborted', () => {
  it('stops waiting for work that ignores the signal as soon as it aborts', async () => {
    const controller = new AbortController();
    const never = new Promise<never>(() => undefined);
    const waiting = untilAborted(never, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('passes the outcome through otherwise', async () => {
    const signal = new AbortController().signal;
    await expect(untilAborted(Promise.resolve(7), signal)).resolves.toBe(7);
    await expect(untilAborted(Promise.reject(new Error('no')), signal)).rejects.toThrow('no');
  });
});

describe('a run’s progress events while a retry waits', () => {
  const account = { id: 1, email: 'ada@example.com' } as Account;

  it('keep the retry until the retried request is sent, though a page commits meanwhile (the writer’s thread)', () => {
    const sent: SyncProgress[] = [];
    let now = Date.parse('2026-12-07T10:00:00Z');
    const run = new RunProgress(
      0,
      (p) => sent.push(p),
      { runId: 7, account, phase: 'contacts' },
      () => 1,
      () => now,
    );
    run.onRetry({ ...RETRY, code: 'RATE_LIMITED', delayMs: 3_000 });
    run.onPage('contacts')({ fetched: 1_000, total: 3_000 });
    expect(sent.at(-1)).toMatchObject({ fetched: 1_000, retry: { attempt: 3, delayMs: 3_000 } });
    now += 3_000;
    run.onAttempt();
    run.onPage('contacts')({ fetched: 2_000, total: 3_000 });
    expect(sent.at(-1)).toMatchObject({ fetched: 2_000 });
    expect(sent.at(-1)?.retry).toBeUndefined();
  });
});
