/**
 * The two local services over the mirror — the CardDAV server and the Cisco phone directory —
 * started and stopped together by the app, the daemon and `contacts-sync serve`.
 */
import type { Clock } from '../clock.js';
import type { Db } from '../db/connection.js';
import type { AppPasswordFile} from '../carddav/app-password.js';
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

  async start(config: LocalServicesConfig): Promise<LocalServicesInfo> {
    await this.stop();
    try {
      if (config.carddavPort !== null) {
        this.carddav = new CardDavServer({
          store: new CardStore(this.db),
          clock: this.clock,
          credentials: () => ({ username: CARDDAV_USER, password: this.password.get() }),
        });
        await this.carddav.start(config.carddavPort);
      }
      if (config.cisco) {
        this.cisco = new CiscoDirectoryServer(this.db, config.cisco);
        await this.cisco.start(config.cisco.port);
      }
    } catch (error) {
      await this.stop();
      throw listenError(error);
    }
    return this.info();
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
    await Promise.all([this.carddav?.stop(), this.cisco?.stop()]);
    this.carddav = null;
    this.cisco = null;
  }
}

/** A port already taken or not ours to use gets a sentence, not "listen EADDRINUSE". */
function listenError(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  const port = (error as { port?: number }).port;
  if (code === 'EADDRINUSE') {
    return new AppError(
      'INVALID_ARGUMENT',
      `Port ${port ?? ''} is already used by another program. Choose another port (0 picks a free one).`,
      { cause: error },
    );
  }
  if (code === 'EACCES' || code === 'EADDRNOTAVAIL') {
    return new AppError(
      'INVALID_ARGUMENT',
      code === 'EACCES'
        ? `Port ${port ?? ''} needs administrator rights. Choose a port above 1023.`
        : 'That address does not belong to this computer. Choose one of its network interfaces.',
      { cause: error },
    );
  }
  return error;
}
