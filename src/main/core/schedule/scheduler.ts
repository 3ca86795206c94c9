import { SYNC_RESOURCES, type Account, type SyncResource } from '../../../shared/domain.js';
import type { Clock } from '../clock.js';
import { AccountsRepo } from '../db/accounts-repo.js';
import type { Db } from '../db/connection.js';
import { createLogger } from '../logger.js';
import { pauseEnd, type AutomaticTrigger, type SettingsReader } from '../policies/shared.js';
import type { SyncOrchestrator } from '../sync/orchestrator.js';
import { isOverdue, slotAfter, slotAtOrAfter } from './cadence.js';
import type { PowerEvents, Timers } from './ports.js';
import { ScheduleReader, type ScheduleStatus } from './status.js';

const log = createLogger('schedule');

/** A slot timer firing this late means the computer slept through it: catch up instead. */
const LATE_MS = 2 * 60_000;

export interface SchedulerDeps {
  db: Db;
  clock: Clock;
  timers: Timers;
  settings: SettingsReader;
  sync: Pick<SyncOrchestrator, 'requestSync' | 'onRunFinished' | 'runningResource' | 'whenIdle'>;
  power?: PowerEvents;
}

interface Planned {
  accountId: number;
  at: number;
  trigger: AutomaticTrigger;
  cancel: () => void;
}

/** Plans are per account and resource: contacts and calendars have their own cadence. */
const keyOf = (accountId: number, resource: SyncResource) => `${accountId}:${resource}`;

/**
 * Background sync: one timer per account and resource (contacts; calendars when calendar sync is
 * on), at the next slot of its schedule (daily at a local time, or every N hours), or at a pending
 * catch-up. Every slot is handed to the orchestrator as a `scheduled` run and the policies decide
 * (circuit open, adaptive interval, paused); the orchestrator's mutex keeps it to one run per
 * account, and a slot that finds the account busy with the other resource runs right after it.
 * Catch-up: on start and on resume from sleep, an overdue account gets one `startup_catch_up` run
 * per resource shortly after, however long the sleep.
 */
export class Scheduler {
  private readonly accounts: AccountsRepo;
  private readonly readers: Record<SyncResource, ScheduleReader>;
  private readonly planned = new Map<string, Planned>();
  private readonly catchUps = new Map<string, number>();
  /** The last slot fired per plan: the next one must come after it, even if a run was instant. */
  private readonly lastFired = new Map<string, number>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private unsubscribe: (() => void)[] = [];
  private running = false;

  constructor(private readonly deps: SchedulerDeps) {
    this.accounts = new AccountsRepo(deps.db);
    const reader = (resource: SyncResource) =>
      new ScheduleReader(deps.db, deps.clock, deps.settings, resource);
    this.readers = { contacts: reader('contacts'), calendar: reader('calendar') };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = [
      this.deps.sync.onRunFinished((run) => this.replanAccount(run.accountId, run.resource)),
      ...(this.deps.power ? [this.deps.power.onResume(() => this.wake())] : []),
    ];
    this.wake();
  }

  /** Cancels the timers; runs in progress are the orchestrator's to cancel. */
  stop(): void {
    this.running = false;
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
    for (const plan of this.planned.values()) plan.cancel();
    this.planned.clear();
    this.catchUps.clear();
  }

  /** On start and on resume from sleep: overdue accounts get one catch-up run, a minute later. */
  wake(): void {
    if (!this.running) return;
    const now = this.deps.clock.now().getTime();
    const delay = this.deps.settings.get().policies.catchUpDelaySeconds * 1000;
    for (const account of this.activeAccounts()) {
      for (const resource of SYNC_RESOURCES) {
        const facts = this.readers[resource].facts(account);
        const paused = pauseEnd(facts.schedule, now) !== null;
        if (
          facts.schedule.enabled &&
          !paused &&
          isOverdue(facts.lastSuccess, facts.intervalMs, now)
        ) {
          // Replacing an earlier pending catch-up keeps it to one run, however many wake-ups.
          this.catchUps.set(keyOf(account.id, resource), now + delay);
        }
      }
    }
    this.refresh();
  }

  /** Re-plans every account (settings or accounts changed). */
  refresh(): void {
    if (!this.running) return;
    const accounts = this.activeAccounts();
    const ids = new Set(accounts.map((a) => a.id));
    for (const [key, plan] of this.planned) {
      if (!ids.has(plan.accountId)) {
        plan.cancel();
        this.planned.delete(key);
      }
    }
    for (const account of accounts) {
      for (const resource of SYNC_RESOURCES) this.plan(account, resource);
    }
  }

  /** The contacts schedule of every account (calendars: `statusOf(account, 'calendar')`). */
  status(): ScheduleStatus[] {
    return this.activeAccounts().map((account) => this.statusOf(account));
  }

  statusOf(account: Account, resource: SyncResource = 'contacts'): ScheduleStatus {
    const catchUp = this.catchUps.get(keyOf(account.id, resource)) ?? null;
    return this.readers[resource].status(account, catchUp);
  }

  /** Resolves when every run the scheduler started has been recorded. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private activeAccounts(): Account[] {
    return this.accounts.list().filter((a) => a.status !== 'disconnected');
  }

  private replanAccount(accountId: number, resource: SyncResource): void {
    const account = this.activeAccounts().find((a) => a.id === accountId);
    if (account && this.running) this.plan(account, resource);
  }

  private plan(account: Account, resource: SyncResource): void {
    const now = this.deps.clock.now().getTime();
    const key = keyOf(account.id, resource);
    const facts = this.readers[resource].facts(account);
    const paused = pauseEnd(facts.schedule, now);
    let next: { at: number; trigger: AutomaticTrigger } | null = null;
    if (facts.schedule.enabled && paused !== Infinity) {
      const slot =
        paused === null
          ? slotAfter(facts.schedule, Math.max(now, this.lastFired.get(key) ?? now))
          : slotAtOrAfter(facts.schedule, paused);
      next = { at: slot, trigger: 'scheduled' };
      const catchUp = this.catchUps.get(key);
      if (catchUp !== undefined && !isOverdue(facts.lastSuccess, facts.intervalMs, now)) {
        this.catchUps.delete(key); // a run in between made it unnecessary
      } else if (catchUp !== undefined && paused === null && catchUp < slot) {
        next = { at: catchUp, trigger: 'startup_catch_up' };
      }
    }
    const current = this.planned.get(key);
    if (current && next && current.at === next.at && current.trigger === next.trigger) return;
    current?.cancel();
    this.planned.delete(key);
    if (!next) return;
    const { at, trigger } = next;
    const cancel = this.deps.timers.at(new Date(at), () =>
      this.fire(account.id, resource, at, trigger),
    );
    this.planned.set(key, { accountId: account.id, at, trigger, cancel });
  }

  private fire(
    accountId: number,
    resource: SyncResource,
    at: number,
    trigger: AutomaticTrigger,
  ): void {
    const key = keyOf(accountId, resource);
    this.planned.delete(key);
    if (!this.running) return;
    const now = this.deps.clock.now().getTime();
    if (trigger === 'scheduled' && now - at > LATE_MS) {
      // Timers stop while the computer sleeps; whatever slots it missed become one catch-up.
      log.info('slept through a scheduled sync; catching up', { accountId });
      this.wake();
      return;
    }
    this.lastFired.set(key, at);
    if (trigger === 'startup_catch_up') this.catchUps.delete(key);
    const started = this.request(accountId, resource, trigger);
    if (!started && this.deps.sync.runningResource(accountId) !== resource) {
      // The account is busy with the other resource (one run per account): go right after it.
      this.track(
        this.deps.sync.whenIdle(accountId).then(() => {
          if (this.running) this.request(accountId, resource, trigger);
        }),
      );
    }
    // Plan the next slot now; the run's end re-plans again with its outcome.
    this.replanAccount(accountId, resource);
  }

  /** Hands a slot to the orchestrator; false when the account already had a run going. */
  private request(accountId: number, resource: SyncResource, trigger: AutomaticTrigger): boolean {
    const result = this.deps.sync.requestSync(accountId, { trigger, resource });
    if (result.status === 'started') this.track(result.done);
    return result.status === 'started';
  }

  private track(work: Promise<unknown>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }
}
