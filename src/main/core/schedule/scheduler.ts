import type { Account, SyncRun } from '../../../shared/domain.js';
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
  sync: Pick<SyncOrchestrator, 'requestSync' | 'onRunFinished'>;
  power?: PowerEvents;
}

interface Planned {
  at: number;
  trigger: AutomaticTrigger;
  cancel: () => void;
}

/**
 * Background sync: one timer per account, at the next slot of its schedule (daily at a local
 * time, or every N hours), or at a pending catch-up. Every slot is handed to the orchestrator as
 * a `scheduled` run and the policies decide (circuit open, adaptive interval, paused); the
 * orchestrator's mutex keeps it to one run per account. Catch-up: on start and on resume from
 * sleep, an overdue account gets one `startup_catch_up` run shortly after, however long the sleep.
 */
export class Scheduler {
  private readonly accounts: AccountsRepo;
  private readonly reader: ScheduleReader;
  private readonly planned = new Map<number, Planned>();
  private readonly catchUps = new Map<number, number>();
  /** The last slot fired per account: the next one must come after it, even if a run was instant. */
  private readonly lastFired = new Map<number, number>();
  private readonly inFlight = new Set<Promise<SyncRun>>();
  private unsubscribe: (() => void)[] = [];
  private running = false;

  constructor(private readonly deps: SchedulerDeps) {
    this.accounts = new AccountsRepo(deps.db);
    this.reader = new ScheduleReader(deps.db, deps.clock, deps.settings);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = [
      this.deps.sync.onRunFinished((run) => this.replanAccount(run.accountId)),
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
      const facts = this.reader.facts(account);
      const paused = pauseEnd(facts.schedule, now) !== null;
      if (
        facts.schedule.enabled &&
        !paused &&
        isOverdue(facts.lastSuccess, facts.intervalMs, now)
      ) {
        // Replacing an earlier pending catch-up keeps it to one run, however many wake-ups.
        this.catchUps.set(account.id, now + delay);
      }
    }
    this.refresh();
  }

  /** Re-plans every account (settings or accounts changed). */
  refresh(): void {
    if (!this.running) return;
    const accounts = this.activeAccounts();
    const ids = new Set(accounts.map((a) => a.id));
    for (const [id, plan] of this.planned) {
      if (!ids.has(id)) {
        plan.cancel();
        this.planned.delete(id);
      }
    }
    for (const account of accounts) this.plan(account);
  }

  status(): ScheduleStatus[] {
    return this.activeAccounts().map((account) => this.statusOf(account));
  }

  statusOf(account: Account): ScheduleStatus {
    return this.reader.status(account, this.catchUps.get(account.id) ?? null);
  }

  /** Resolves when every run the scheduler started has been recorded. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private activeAccounts(): Account[] {
    return this.accounts.list().filter((a) => a.status !== 'disconnected');
  }

  private replanAccount(accountId: number): void {
    const account = this.activeAccounts().find((a) => a.id === accountId);
    if (account && this.running) this.plan(account);
  }

  private plan(account: Account): void {
    const now = this.deps.clock.now().getTime();
    const facts = this.reader.facts(account);
    const paused = pauseEnd(facts.schedule, now);
    let next: { at: number; trigger: AutomaticTrigger } | null = null;
    if (facts.schedule.enabled && paused !== Infinity) {
      const slot =
        paused === null
          ? slotAfter(facts.schedule, Math.max(now, this.lastFired.get(account.id) ?? now))
          : slotAtOrAfter(facts.schedule, paused);
      next = { at: slot, trigger: 'scheduled' };
      const catchUp = this.catchUps.get(account.id);
      if (catchUp !== undefined && !isOverdue(facts.lastSuccess, facts.intervalMs, now)) {
        this.catchUps.delete(account.id); // a run in between made it unnecessary
      } else if (catchUp !== undefined && paused === null && catchUp < slot) {
        next = { at: catchUp, trigger: 'startup_catch_up' };
      }
    }
    const current = this.planned.get(account.id);
    if (current && next && current.at === next.at && current.trigger === next.trigger) return;
    current?.cancel();
    this.planned.delete(account.id);
    if (!next) return;
    const { at, trigger } = next;
    const cancel = this.deps.timers.at(new Date(at), () => this.fire(account.id, at, trigger));
    this.planned.set(account.id, { at, trigger, cancel });
  }

  private fire(accountId: number, at: number, trigger: AutomaticTrigger): void {
    this.planned.delete(accountId);
    if (!this.running) return;
    const now = this.deps.clock.now().getTime();
    if (trigger === 'scheduled' && now - at > LATE_MS) {
      // Timers stop while the computer sleeps; whatever slots it missed become one catch-up.
      log.info('slept through a scheduled sync; catching up', { accountId });
      this.wake();
      return;
    }
    this.lastFired.set(accountId, at);
    if (trigger === 'startup_catch_up') this.catchUps.delete(accountId);
    const result = this.deps.sync.requestSync(accountId, { trigger });
    if (result.status === 'started') {
      const done = result.done;
      this.inFlight.add(done);
      void done.finally(() => this.inFlight.delete(done));
    }
    // Plan the next slot now; the run's end re-plans again with its outcome.
    this.replanAccount(accountId);
  }
}
