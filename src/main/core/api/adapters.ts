/**
 * The core's sign-in, settings and schedule services seen through the API's ports, so the
 * composition roots (Electron, preview) wire them the same way.
 */
import { z } from 'zod';
import type { Account } from '../../../shared/domain.js';
import type { Settings, SettingsPatch, SyncEveryHours } from '../../../shared/api/contract.js';
import { CONTACT_SORTS } from '../../../shared/api/contact-list.js';
import type { AccountConnections, ConnectResult } from '../auth/connections.js';
import type { Clock } from '../clock.js';
import type { AccountsRepo } from '../db/accounts-repo.js';
import { AppError } from '../errors.js';
import { pausedUntil } from '../schedule/pause.js';
import { isValidTimeZone, systemTimeZone } from '../settings/schema.js';
import type { SettingsService } from '../settings/settings-service.js';
import type { AccountConnector, PauseChoice, PauseControl, SettingsPort } from './ports.js';

/** Anything that re-plans background sync after its settings changed (the Scheduler). */
export interface Replanner {
  refresh(): void;
}

/** AccountConnections with a cancel: one sign-in at a time, abandoned through its signal. */
export class ConnectionsConnector implements AccountConnector {
  private pending: AbortController | null = null;

  constructor(
    private readonly connections: AccountConnections,
    private readonly accounts: AccountsRepo,
    /** After a sign-in, with its first sync started (calendars then follow it). */
    private readonly onConnected: (result: ConnectResult) => void = () => undefined,
  ) {}

  async connect(options: Parameters<AccountConnector['connect']>[0]): Promise<Account> {
    if (this.pending) {
      throw new AppError('INVALID_ARGUMENT', 'A sign-in is already open in your browser.');
    }
    const controller = new AbortController();
    this.pending = controller;
    try {
      const result = await this.connections.connect({ ...options, signal: controller.signal });
      this.onConnected(result);
      return result.account;
    } finally {
      if (this.pending === controller) this.pending = null;
    }
  }

  cancelConnect(): boolean {
    const pending = this.pending;
    pending?.abort();
    return pending !== null;
  }

  async disconnect(accountId: number, options: { deleteData: boolean }): Promise<void> {
    await this.connections.disconnect(this.accounts.get(accountId).email, options);
  }
}

/**
 * Desktop-only preferences, kept in the same settings file under `desktop` (the settings schema
 * keeps keys it does not know). A missing or damaged value reads as the defaults.
 */
const desktopSchema = z.object({
  launchAtLogin: z.boolean().catch(false),
  startHidden: z.boolean().catch(false),
  notifyOnFailure: z.boolean().catch(true),
  notifyOnSignInNeeded: z.boolean().catch(true),
  contactSort: z.enum(CONTACT_SORTS).catch('first'),
  phoneRegion: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullable()
    .catch(null),
});
type DesktopPreferences = z.infer<typeof desktopSchema>;

function desktopOf(settings: object): DesktopPreferences {
  const stored = (settings as { desktop?: unknown }).desktop;
  return desktopSchema.parse(typeof stored === 'object' && stored !== null ? stored : {});
}

/** The settings screen's view of SettingsService; `onChange` lets the shell apply them. */
export class SettingsAdapter implements SettingsPort, PauseControl {
  constructor(
    private readonly service: SettingsService,
    private readonly clock: Clock,
    private readonly scheduler: Replanner | null = null,
    private readonly onChange: (settings: Settings) => void = () => undefined,
    /** Shown read-only, so a person can find (and back up) their data. */
    private readonly dataDirectory = '',
  ) {}

  get(): Settings {
    const all = this.service.get();
    return {
      ...desktopOf(all),
      autoSync: all.schedule.enabled,
      dailySyncTime: all.schedule.at,
      syncEveryHours: all.schedule.everyHours as SyncEveryHours,
      timeZone: all.schedule.timeZone ?? null,
      systemTimeZone: systemTimeZone(),
      massDeletionPercent: all.policies.massDeletionPercent,
      dataDirectory: this.dataDirectory,
      calendarSync: all.calendar.enabled,
      calendarEveryHours: all.calendar.everyHours as SyncEveryHours,
      calendarShowBirthdays: all.calendar.showBirthdays,
      photoCacheMb: all.photos.cacheMb,
    };
  }

  update(patch: SettingsPatch): Settings {
    const { autoSync, dailySyncTime, syncEveryHours, timeZone, massDeletionPercent, ...rest } =
      patch;
    const { calendarSync, calendarEveryHours, calendarShowBirthdays, photoCacheMb, ...desktop } =
      rest;
    // The API's schema checked the zone with this runtime's Intl too; this keeps a caller that
    // skips it (the tray, a test) from storing a zone the scheduler would reject.
    if (timeZone && !isValidTimeZone(timeZone)) {
      throw new AppError(
        'INVALID_ARGUMENT',
        `"${timeZone}" is not a time zone this computer knows.`,
      );
    }
    this.service.update((draft) => {
      if (autoSync !== undefined) draft.schedule.enabled = autoSync;
      if (dailySyncTime !== undefined) draft.schedule.at = dailySyncTime;
      if (syncEveryHours !== undefined) draft.schedule.everyHours = syncEveryHours;
      if (timeZone === null) delete draft.schedule.timeZone;
      else if (timeZone !== undefined) draft.schedule.timeZone = timeZone;
      if (massDeletionPercent !== undefined)
        draft.policies.massDeletionPercent = massDeletionPercent;
      if (calendarSync !== undefined) draft.calendar.enabled = calendarSync;
      if (calendarEveryHours !== undefined) draft.calendar.everyHours = calendarEveryHours;
      if (calendarShowBirthdays !== undefined) {
        draft.calendar.showBirthdays = calendarShowBirthdays;
      }
      if (photoCacheMb !== undefined) draft.photos.cacheMb = photoCacheMb;
      (draft as { desktop?: unknown }).desktop = { ...desktopOf(draft), ...desktop };
    });
    this.scheduler?.refresh();
    const settings = this.get();
    this.onChange(settings);
    return settings;
  }

  pausedUntil(): string | null {
    return this.service.get().schedule.pausedUntil;
  }

  pause(choice: PauseChoice): void {
    const zone = this.service.get().schedule.timeZone ?? systemTimeZone();
    const until = pausedUntil(choice, this.clock.now().getTime(), zone);
    this.service.update((draft) => {
      draft.schedule.pausedUntil = until;
    });
    this.scheduler?.refresh();
  }

  resume(): void {
    this.service.update((draft) => {
      draft.schedule.pausedUntil = null;
    });
    this.scheduler?.refresh();
  }
}
