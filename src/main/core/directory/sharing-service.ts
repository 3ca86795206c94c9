/**
 * Keeps the local services in line with the settings (Settings → Share with other apps): starts
 * what is turned on, stops what is turned off, and remembers why a service that should run does
 * not (a port in use), so the person reads it in Settings and Status rather than in a log.
 */
import type { CountryCode } from 'libphonenumber-js';
import type { SharingPatch, SharingStatus } from '../../../shared/api/sharing.js';
import { AppPasswordFile, CARDDAV_USER } from '../carddav/app-password.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/connection.js';
import { toAppError } from '../errors.js';
import { createLogger } from '../logger.js';
import type { SettingsService } from '../settings/settings-service.js';
import { LocalServices } from './local-services.js';

const log = createLogger('sharing');

type Sharing = ReturnType<SettingsService['get']>['sharing'];

export class SharingService {
  private errors = { carddav: null as string | null, cisco: null as string | null };
  /** What runs now, to restart a service only when its own settings changed. */
  private running = { carddav: '', cisco: '' };
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly settings: SettingsService,
    private readonly services: LocalServices,
    private readonly password: AppPasswordFile,
  ) {}

  /** The services of the database at `databasePath`, the app password kept beside it. */
  static forDatabase(
    settings: SettingsService,
    db: Db,
    clock: Clock,
    databasePath: string,
  ): SharingService {
    const password = AppPasswordFile.besideDatabase(databasePath);
    return new SharingService(settings, new LocalServices(db, clock, password), password);
  }

  /**
   * Starts and stops services to match the settings; never throws (errors are shown). Calls run
   * one after the other: the daemon's tick and a Settings change may overlap, and two starts on
   * one port would fail each other ("already used"); after close() it does nothing.
   */
  apply(): Promise<SharingStatus> {
    const next = this.queue.then(() => this.applyNow());
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async applyNow(): Promise<SharingStatus> {
    if (this.closed) return this.status();
    const sharing = this.settings.get().sharing;
    await this.applyOne('carddav', sharing.carddav.enabled, JSON.stringify(sharing.carddav), () =>
      this.services.startCarddav(sharing.carddav.port),
    );
    await this.applyOne('cisco', sharing.cisco.enabled, JSON.stringify(sharing.cisco), () =>
      this.services.startCisco({
        port: sharing.cisco.port,
        host: sharing.cisco.host,
        allowList: sharing.cisco.allowList,
        dialPlan: {
          outsideLinePrefix: sharing.cisco.outsideLinePrefix,
          homeCountry: sharing.cisco.homeCountry as CountryCode | null,
          internationalPrefix: sharing.cisco.internationalPrefix,
        },
      }),
    );
    return this.status();
  }

  async update(patch: SharingPatch): Promise<SharingStatus> {
    this.settings.update((draft) => {
      const { carddav, cisco } = draft.sharing;
      if (patch.carddavEnabled !== undefined) carddav.enabled = patch.carddavEnabled;
      if (patch.carddavPort !== undefined) carddav.port = patch.carddavPort;
      if (patch.ciscoEnabled !== undefined) cisco.enabled = patch.ciscoEnabled;
      if (patch.ciscoHost !== undefined) cisco.host = patch.ciscoHost;
      if (patch.ciscoPort !== undefined) cisco.port = patch.ciscoPort;
      if (patch.ciscoAllowList !== undefined) cisco.allowList = patch.ciscoAllowList;
      if (patch.outsideLinePrefix !== undefined) cisco.outsideLinePrefix = patch.outsideLinePrefix;
      if (patch.homeCountry !== undefined) cisco.homeCountry = patch.homeCountry;
      if (patch.internationalPrefix !== undefined) {
        cisco.internationalPrefix = patch.internationalPrefix;
      }
    });
    return this.apply();
  }

  regeneratePassword(): SharingStatus {
    this.password.regenerate();
    return this.status();
  }

  status(): SharingStatus {
    const sharing: Sharing = this.settings.get().sharing;
    const info = this.services.info();
    return {
      carddav: {
        ...sharing.carddav,
        url: info.carddav?.url ?? null,
        user: CARDDAV_USER,
        password: this.password.get(),
        lastClient: info.carddav?.lastClient ?? null,
        error: this.errors.carddav,
      },
      cisco: { ...sharing.cisco, url: info.cisco?.url ?? null, error: this.errors.cisco },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
    await this.services.stop();
  }

  private async applyOne(
    name: 'carddav' | 'cisco',
    enabled: boolean,
    config: string,
    start: () => Promise<void>,
  ): Promise<void> {
    const stop = () =>
      name === 'carddav' ? this.services.stopCarddav() : this.services.stopCisco();
    if (!enabled) {
      await stop();
      this.running[name] = '';
      this.errors[name] = null;
      return;
    }
    if (this.running[name] === config && this.errors[name] === null) return;
    try {
      await start();
      this.running[name] = config;
      this.errors[name] = null;
    } catch (error) {
      this.running[name] = '';
      this.errors[name] = toAppError(error).message;
      log.warn(`${name} could not start`, { code: toAppError(error).code });
    }
  }
}
