/**
 * The two local services over the mirror — the CardDAV server and the Cisco phone directory —
 * started and stopped together by the app, the daemon and `contacts-sync serve`.
 */
import type { Clock } from '../clock.js';
import type { Db } from '../db/connection.js';
import type { AppPasswordFile } from '../carddav/app-password.js';
import { CARDDAV_USER } from '../carddav/app-password.js';
import { CardDavServer } from '../carddav/carddav-server.js';
import { CardStore } from '../carddav/card-store.js';
import { AppError } from '../errors.js';
import { CiscoDirectoryServer, type CiscoDirectoryOptions } from './cisco-directory.js';

export interface LocalServicesConfig {
  /** null: CardDAV off. */
  carddavPort: number | null;
  /** null: the phone directory off. */
  cisco: (CiscoDirectoryOptions & { port: number }) | null;
}

export interface LocalServicesInfo {
  carddav: {
    url: string;
    user: string;
    password: string;
    lastClient: { at: string; userAgent: string | null } | null;
  } | null;
  cisco: { url: string } | null;
}

export class LocalServices {
  private carddav: CardDavServer | null = null;
  private cisco: CiscoDirectoryServer | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly password: AppPasswordFile,
  ) {}

  /** Both services as configured (null: off); if one cannot start, neither runs. */
  async start(config: LocalServicesConfig): Promise<LocalServicesInfo> {
    await this.stop();
    try {
      if (config.carddavPort !== null) await this.startCarddav(config.carddavPort);
      if (config.cisco) await this.startCisco(config.cisco);
    } catch (error) {
      await this.stop();
      throw error;
    }
    return this.info();
  }

  async startCarddav(port: number): Promise<void> {
    await this.stopCarddav();
    const server = new CardDavServer({
      store: new CardStore(this.db),
      clock: this.clock,
      credentials: () => ({ username: CARDDAV_USER, password: this.password.get() }),
    });
    try {
      await server.start(port);
    } catch (error) {
      throw listenError(error, port);
    }
    this.carddav = server;
  }

  async startCisco(options: CiscoDirectoryOptions & { port: number }): Promise<void> {
    await this.stopCisco();
    const server = new CiscoDirectoryServer(this.db, options);
    try {
      await server.start(options.port);
    } catch (error) {
      throw listenError(error, options.port);
    }
    this.cisco = server;
  }

  async stopCarddav(): Promise<void> {
    const server = this.carddav;
    this.carddav = null;
    await server?.stop();
  }

  async stopCisco(): Promise<void> {
    const server = this.cisco;
    this.cisco = null;
    await server?.stop();
  }

  info(): LocalServicesInfo {
    const carddavUrl = this.carddav?.url();
    const ciscoUrl = this.cisco?.url();
    return {
      carddav: carddavUrl
        ? {
            url: carddavUrl,
            user: CARDDAV_USER,
            password: this.password.get(),
            lastClient: this.carddav?.clientSeen() ?? null,
          }
        : null,
      cisco: ciscoUrl ? { url: ciscoUrl } : null,
    };
  }

  async stop(): Promise<void> {
    await Promise.all([this.stopCarddav(), this.stopCisco()]);
  }
}

/** A port already taken or not ours to use gets a sentence, not "listen EADDRINUSE". */
function listenError(error: unknown, port: number): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    return new AppError(
      'INVALID_ARGUMENT',
      `Port ${port} is already used by another program. Choose another port (0 picks a free one).`,
      { cause: error },
    );
  }
  if (code === 'EACCES' || code === 'EADDRNOTAVAIL') {
    return new AppError(
      'INVALID_ARGUMENT',
      code === 'EACCES'
        ? `Port ${port} needs administrator rights. Choose a port above 1023.`
        : 'That address does not belong to this computer. Choose one of its network interfaces.',
      { cause: error },
    );
  }
  return error;
}
