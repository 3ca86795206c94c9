import { describe, expect, it } from 'vitest';
import {
  NotificationHolder,
  NotificationPolicy,
  Notifier,
  type NotificationLike,
  type NotificationPreferences,
} from '../../src/main/shell/notifications.js';
import { run, status, summary } from './api-fixtures.js';

const ALL: NotificationPreferences = { failures: true, signInNeeded: true };
const failed = (runId: number, code = 'NETWORK') =>
  status({
    state: 'error',
    accounts: [
      summary({
        lastRun: run({
          runId,
          status: 'failed',
          error: { code, message: 'Google could not be reached.' },
        }),
      }),
    ],
  });
const succeeded = (runId: number) => status({ accounts: [summary({ lastRun: run({ runId }) })] });
const signInNeeded = () =>
  status({
    state: 'sign_in_needed',
    accounts: [summary({ account: { ...summary().account, status: 'reconnect_needed' } })],
  });

describe('notification policy', () => {
  it('never notifies routine success', () => {
    const policy = new NotificationPolicy();
    expect(policy.next(succeeded(1), ALL)).toEqual([]);
    expect(policy.next(succeeded(2), ALL)).toEqual([]);
  });

  it('notifies a failure once per episode, again only after a success', () => {
    const policy = new NotificationPolicy();
    expect(policy.next(failed(1), ALL)).toEqual([
      { title: 'Contacts sync failed', body: 'ada@example.com: Google could not be reached.' },
    ]);
    expect(policy.next(failed(2), ALL)).toEqual([]);
    expect(policy.next(failed(3), ALL)).toEqual([]);
    policy.next(succeeded(4), ALL);
    expect(policy.next(failed(5), ALL)).toHaveLength(1);
  });

  it('says sign-in is needed once, for a revoked token or a reconnect_needed account', () => {
    const policy = new NotificationPolicy();
    const [first] = policy.next(failed(1, 'AUTH_REVOKED'), ALL);
    expect(first?.title).toBe('Sign-in needed');
    expect(policy.next(signInNeeded(), ALL)).toEqual([]);
    expect(new NotificationPolicy().next(signInNeeded(), ALL)[0]?.title).toBe('Sign-in needed');
  });

  it('respects the preferences, without notifying later when they change', () => {
    const policy = new NotificationPolicy();
    expect(policy.next(failed(1), { failures: false, signInNeeded: true })).toEqual([]);
    expect(policy.next(failed(2), ALL)).toEqual([]);
    expect(policy.next(signInNeeded(), { failures: true, signInNeeded: false })).toEqual([]);
  });

  it('announces withheld deletions once, not at every run, and again only after they were settled', () => {
    const policy = new NotificationPolicy();
    const waiting = (runId: number) =>
      status({
        accounts: [
          summary({
            lastRun: run({ runId }),
            pendingDeletions: { count: 1_600, since: '2026-01-02T03:04:05Z' },
          }),
        ],
      });
    expect(policy.next(waiting(1), ALL)).toEqual([
      {
        title: 'Deleted contacts wait for you',
        body:
          'ada@example.com: 1,600 contacts were deleted in Google. They are kept on this ' +
          'computer until you confirm. Open the app to decide.',
      },
    ]);
    expect(policy.next(waiting(2), ALL)).toEqual([]);
    expect(policy.next(succeeded(3), ALL)).toEqual([]);
    expect(policy.next(waiting(4), ALL)).toHaveLength(1);
  });

  it('does not judge a running sync or a disconnected account', () => {
    const policy = new NotificationPolicy();
    const running = failed(1);
    running.accounts[0]!.running = true;
    expect(policy.next(running, ALL)).toEqual([]);
    const disconnected = failed(1);
    disconnected.accounts[0]!.account.status = 'disconnected';
    expect(policy.next(disconnected, ALL)).toEqual([]);
  });
});

describe('notifier', () => {
  it('stays quiet about a failure already there at start-up, and opens the window on click', () => {
    const shown: string[] = [];
    let opened = 0;
    const notifier = new Notifier(
      {
        show: (content, onClick) => {
          shown.push(content.title);
          onClick();
        },
        preferences: () => ALL,
        open: () => opened++,
      },
      failed(1),
    );
    notifier.onStatus(failed(2));
    expect(shown).toEqual([]);
    notifier.onStatus(failed(3, 'UNAUTHORIZED'));
    expect(shown).toEqual(['Sign-in needed']);
    expect(opened).toBe(1);
  });
});

describe('notification holder', () => {
  class FakeNotification implements NotificationLike {
    readonly listeners = new Map<string, () => void>();
    shown = false;
    constructor(readonly content: { title: string; body: string }) {}
    on(event: 'click' | 'close' | 'failed', listener: () => void): this {
      this.listeners.set(event, listener);
      return this;
    }
    show(): void {
      this.shown = true;
    }
  }

  function setup() {
    const created: FakeNotification[] = [];
    const holder = new NotificationHolder((content) => {
      const notification = new FakeNotification(content);
      created.push(notification);
      return notification;
    });
    return { holder, created };
  }

  it('keeps each notification until it is clicked, closed or fails', () => {
    const { holder, created } = setup();
    let opened = 0;
    for (const title of ['a', 'b', 'c']) holder.show({ title, body: '' }, () => opened++);
    expect(created.every((n) => n.shown)).toBe(true);
    expect(holder.size).toBe(3);
    created[0]?.listeners.get('click')?.();
    expect(opened).toBe(1);
    created[1]?.listeners.get('close')?.();
    created[2]?.listeners.get('failed')?.();
    expect(holder.size).toBe(0);
  });

  it('keeps a bounded number where closes are never reported', () => {
    const { holder } = setup();
    for (let i = 0; i < 50; i++) holder.show({ title: String(i), body: '' }, () => undefined);
    expect(holder.size).toBe(20);
  });
});
