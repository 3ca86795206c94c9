/** `contacts-sync schedule …` (show and change background sync) and `contacts-sync daemon`. */
import { SharingService } from '../core/directory/sharing-service.js';
import type { SharingStatus } from '../../shared/api/sharing.js';
import type { SyncRun } from '../../shared/domain.js';
import { AppError } from '../core/errors.js';
import type { SyncHealth } from '../core/metrics/health.js';
import { wallTime } from '../core/schedule/local-time.js';
import { isPauseChoice, PAUSE_CHOICES, pausedUntil } from '../core/schedule/pause.js';
import type { ScheduleStatus } from '../core/schedule/status.js';
import { scheduleOverrideSchema, type ScheduleOverride } from '../core/settings/schema.js';
import type { BackgroundContext, CliContext } from './context.js';
import { runSummary } from './format.js';
import { print } from './output.js';

function background(ctx: CliContext): BackgroundContext {
  if (!ctx.background) throw new AppError('INTERNAL', 'Background sync is not wired here.');
  return ctx.background;
}

export async function scheduleCommand(ctx: CliContext): Promise<number> {
  const [sub = 'show', choice] = ctx.args.positionals;
  switch (sub) {
    case 'show':
      return show(ctx);
    case 'set':
      return change(ctx, parseChanges(ctx));
    case 'enable':
    case 'disable':
      return change(ctx, { enabled: sub === 'enable' });
    case 'resume':
      return change(ctx, { pausedUntil: null });
    case 'pause': {
      if (!choice || !isPauseChoice(choice)) {
        throw new AppError(
          'INVALID_ARGUMENT',
          `Pause for one of: ${PAUSE_CHOICES.join(', ')}. Example: contacts-sync schedule pause 1h`,
        );
      }
      const now = ctx.clock.now().getTime();
      const zone = scheduleOf(ctx).timeZone;
      return change(ctx, { pausedUntil: pausedUntil(choice, now, zone) });
    }
    default:
      throw new AppError(
        'INVALID_ARGUMENT',
        `Unknown schedule command "${sub}". Use show, set, pause, resume, enable or disable.`,
      );
  }
}

/** The email whose override is changed, or null for the schedule every account shares. */
function target(ctx: CliContext): string | null {
  return ctx.args.account
    ? ctx.accounts.requireByEmail(ctx.args.account).email.toLowerCase()
    : null;
}

function scheduleOf(ctx: CliContext) {
  const { settings } = background(ctx);
  const email = target(ctx);
  return email ? settings.scheduleFor(email) : settings.scheduleFor('');
}

function parseChanges(ctx: CliContext): ScheduleOverride {
  const { at, every, timeZone } = ctx.args;
  const raw = {
    ...(at !== undefined ? { at } : {}),
    ...(every !== undefined ? { everyHours: Number(every) } : {}),
    ...(timeZone !== undefined ? { timeZone } : {}),
  };
  if (Object.keys(raw).length === 0) {
    throw new AppError('INVALID_ARGUMENT', 'Give --at HH:MM, --every HOURS or --time-zone ZONE.');
  }
  const parsed = scheduleOverrideSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('INVALID_ARGUMENT', `--${issue?.path.join('.')} must be ${issue?.message}.`);
  }
  return parsed.data;
}

function change(ctx: CliContext, values: ScheduleOverride): number {
  const { settings } = background(ctx);
  const email = target(ctx);
  settings.update((draft) => {
    if (email) {
      draft.accounts[email] = { ...draft.accounts[email], ...values };
      return;
    }
    Object.assign(draft.schedule, values);
    // "resume" without an account means every account: their own pauses end too.
    if (values.pausedUntil === null) {
      for (const own of Object.values(draft.accounts)) delete own.pausedUntil;
    }
  });
  return show(ctx);
}

function show(ctx: CliContext): number {
  const { scheduler, health } = background(ctx);
  const statuses = scheduler
    .status()
    .filter((s) => !ctx.args.account || s.account.toLowerCase() === ctx.args.account.toLowerCase());
  const calendars = background(ctx).settings.get().calendar.enabled;
  const rows = statuses.map((s) => {
    const account = ctx.accounts.get(s.accountId);
    // Calendars run on their own cadence, with their own interval and circuit.
    const calendar = calendars ? scheduler.statusOf(account, 'calendar') : null;
    return { ...s, health: health.of(account), calendar };
  });
  print(ctx, rows, () =>
    rows.length === 0
      ? 'No accounts yet. Connect one with: contacts-sync connect'
      : [
          ...rows.map((row) =>
            [
              describe(row, ctx.clock.now().getTime()),
              ...(row.calendar ? [describeCalendar(row.calendar)] : []),
            ].join('\n'),
          ),
          `Settings: ${background(ctx).settings.location}`,
        ].join('\n'),
  );
  return 0;
}

function localTime(iso: string, zone: string): string {
  const w = wallTime(Date.parse(iso), zone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${two(w.month)}-${two(w.day)} ${two(w.hour)}:${two(w.minute)}`;
}

const hours = (minutes: number) =>
  minutes % 1440 === 0 ? `${minutes / 1440} d` : `${minutes / 60} h`;

const percent = (rate: number | null) => (rate === null ? 'n/a' : `${Math.round(rate * 100)}%`);

function describe(s: ScheduleStatus & { health: SyncHealth }, now: number): string {
  const { schedule: sc, health: hl } = s;
  const cadence =
    sc.everyHours === 24 ? `daily at ${sc.at}` : `every ${sc.everyHours} h from ${sc.at}`;
  const state = !sc.enabled
    ? 'off'
    : sc.pausedUntil === 'indefinitely'
      ? 'paused until resumed'
      : sc.pausedUntil && Date.parse(sc.pausedUntil) > now
        ? `paused until ${localTime(sc.pausedUntil, sc.timeZone)}`
        : 'on';
  const saved = Object.entries(hl.apiCallsSaved.byReason).map(([k, v]) => `${v} by ${k}`);
  return [
    s.account,
    `  schedule: ${cadence} (${sc.timeZone}), ${state}`,
    `  next run: ${s.nextRunAt ? localTime(s.nextRunAt, sc.timeZone) : 'none'}`,
    `  interval: ${hours(s.intervalMinutes)}${s.intervalMinutes > s.baseIntervalMinutes ? ` (stretched: nothing changed in the last syncs)` : ''}`,
    `  circuit: ${s.circuit.open ? `open until ${localTime(s.circuit.openUntil ?? '', sc.timeZone)}` : 'closed'} (${s.circuit.consecutiveFailures} failures in a row)`,
    `  health: success ${percent(hl.successRate7d)} (7 d), ${percent(hl.successRate30d)} (30 d); ` +
      `median run ${((hl.medianDurationMs ?? 0) / 1000).toFixed(1)} s; ${hl.apiCallsPerDay.toFixed(1)} API calls/day; ` +
      `token ${hl.token.health}`,
    `  API calls saved (30 d): ${hl.apiCallsSaved.total}${saved.length ? ` (${saved.join(', ')})` : ''}`,
  ].join('\n');
}

function describeCalendar(c: ScheduleStatus): string {
  const zone = c.schedule.timeZone;
  return [
    `  calendars: every ${c.schedule.everyHours} h from ${c.schedule.at}, next run ` +
      `${c.nextRunAt ? localTime(c.nextRunAt, zone) : 'none'}, interval ${hours(c.intervalMinutes)}`,
    `  calendar circuit: ${c.circuit.open ? `open until ${localTime(c.circuit.openUntil ?? '', zone)}` : 'closed'} (${c.circuit.consecutiveFailures} failures in a row)`,
  ].join('\n');
}

/**
 * Runs the scheduler headless until SIGINT/SIGTERM (the composition root aborts `ctx.signal` and
 * cancels the running sync at a page boundary); settings changed by `contacts-sync schedule` in
 * another process are picked up on the next heartbeat.
 */
export async function daemon(ctx: CliContext): Promise<number> {
  const { scheduler, heartbeat, settings } = background(ctx);
  const signal = ctx.signal;
  if (!signal) throw new AppError('INTERNAL', 'The daemon needs a stop signal.');
  settings.reload();
  const offTick = heartbeat.onTick(() => {
    settings.reload();
    scheduler.refresh();
  });
  const offRun = ctx.orchestrator.onRunFinished((run: SyncRun) =>
    ctx.io.out(
      run.status === 'skipped' ? `${run.account}: skipped (${run.skipReason})` : runSummary(run),
    ),
  );
  // Sharing turned on in Settings: the daemon serves CardDAV and the phone directory too.
  const sharing = ctx.databasePath
    ? SharingService.forDatabase(settings, ctx.db, ctx.clock, ctx.databasePath)
    : null;
  printSharing(ctx, await sharing?.apply());
  const offSharing = heartbeat.onTick(() => void sharing?.apply());
  scheduler.start();
  heartbeat.start();
  const statuses = scheduler.status();
  ctx.io.out(
    `Background sync running for ${statuses.length} account(s); stop with Ctrl-C.` +
      statuses.map((s) => `\n  ${s.account}: next run ${s.nextRunAt ?? 'none'}`).join(''),
  );
  if (!signal.aborted) {
    await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
  }
  scheduler.stop();
  heartbeat.stop();
  offTick();
  offSharing();
  await sharing?.close();
  await ctx.orchestrator.shutdown();
  offRun();
  ctx.io.out('Background sync stopped.');
  return 0;
}

function printSharing(ctx: CliContext, status: SharingStatus | undefined): void {
  if (!status) return;
  if (status.carddav.url)
    ctx.io.out(`Serving CardDAV at ${status.carddav.url} (user ${status.carddav.user})`);
  if (status.cisco.url) ctx.io.out(`Serving the phone directory at ${status.cisco.url}`);
  for (const error of [status.carddav.error, status.cisco.error]) if (error) ctx.io.err?.(error);
}
