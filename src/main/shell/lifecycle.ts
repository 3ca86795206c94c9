/**
 * Starting and stopping the desktop app: Quit is explicit and clean (the sync stops at a page
 * boundary, the database closes), and launch-at-login may start hidden in the tray.
 */
import type { Settings } from '../../shared/api/contract.js';
import { createLogger } from '../core/logger.js';
import type { PreventableEvent } from './ports.js';

const log = createLogger('app');

/** Passed by the login item, so a start at login stays in the tray. */
export const HIDDEN_ARG = '--hidden';

export function shouldStartHidden(argv: readonly string[]): boolean {
  return argv.includes(HIDDEN_ARG);
}

/** `app.setLoginItemSettings` arguments for the settings (macOS and Windows; Linux ignores it). */
export function loginItemSettings(settings: Pick<Settings, 'launchAtLogin' | 'startHidden'>) {
  return {
    openAtLogin: settings.launchAtLogin,
    openAsHidden: settings.startHidden,
    args: settings.startHidden ? [HIDDEN_ARG] : [],
  };
}

export interface QuittableApp {
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown;
  quit(): void;
}

/**
 * Holds the first quit until `shutdown` finished (or `timeoutMs` passed: a hung request must not
 * keep the app from quitting; the next start marks such a run interrupted), then quits for real.
 */
export class QuitController {
  private phase: 'running' | 'stopping' | 'stopped' = 'running';

  constructor(
    private readonly app: QuittableApp,
    private readonly shutdown: () => Promise<void>,
    private readonly timeoutMs = 15_000,
  ) {
    app.on('before-quit', (event) => this.beforeQuit(event));
  }

  /** True from the moment Quit was chosen: windows then close instead of hiding. */
  get isQuitting(): boolean {
    return this.phase !== 'running';
  }

  private beforeQuit(event: PreventableEvent): void {
    if (this.phase === 'stopped') return;
    event.preventDefault();
    if (this.phase === 'stopping') return;
    this.phase = 'stopping';
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log.warn('shutdown took too long; quitting anyway');
        resolve();
      }, this.timeoutMs);
    });
    void Promise.race([this.shutdown(), timeout])
      .catch((caught: unknown) =>
        log.error('shutdown failed', { error: caught instanceof Error ? caught.name : 'unknown' }),
      )
      .finally(() => {
        clearTimeout(timer);
        this.phase = 'stopped';
        this.app.quit();
      });
  }
}
