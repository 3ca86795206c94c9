/**
 * The tray icon and its menu, which live as long as background sync does. The menu is a pure
 * function of the status, rebuilt on every status or progress event.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { ApiEvent, AppStatus, OverallState } from '../../shared/api/contract.js';
import { statusLine, withProgress } from '../../shared/api/status-text.js';
import type { PauseChoice } from '../core/api/ports.js';
import { PRODUCT_NAME } from '../core/paths.js';
import type { MenuLike, TrayLike } from './ports.js';

export const TRAY_ICON_STATES = ['idle', 'syncing', 'error', 'paused'] as const;
export type TrayIconState = (typeof TRAY_ICON_STATES)[number];

/** The icon's tooltip: the status line, a waiting retry included ("retrying in 8 s, attempt 3 of 6"). */
export function trayTooltip(status: AppStatus, now: Date): string {
  return `${PRODUCT_NAME}: ${statusLine(status, now)}`;
}

export function trayIconState(state: OverallState): TrayIconState {
  switch (state) {
    case 'syncing':
      return 'syncing';
    case 'error':
    case 'sign_in_needed':
      return 'error';
    case 'paused':
      return 'paused';
    case 'idle':
    case 'no_accounts':
      return 'idle';
  }
}

export interface TrayActions {
  syncNow(): void;
  pause(choice: PauseChoice): void;
  resume(): void;
  open(): void;
  quit(): void;
}

export function trayMenuTemplate(
  status: AppStatus,
  now: Date,
  actions: TrayActions,
  options: { canPause: boolean },
): MenuItemConstructorOptions[] {
  const paused = status.autoSyncPausedUntil !== null;
  const canSync = status.state !== 'syncing' && status.state !== 'no_accounts';
  return [
    { id: 'status', label: statusLine(status, now), enabled: false },
    ...pendingDeletionItems(status, actions),
    { type: 'separator' },
    { id: 'sync-now', label: 'Sync Now', enabled: canSync, click: () => actions.syncNow() },
    {
      id: 'pause',
      label: 'Pause auto-sync',
      enabled: options.canPause,
      submenu: [
        { id: 'pause-1h', label: 'For 1 hour', click: () => actions.pause('1h') },
        { id: 'pause-tomorrow', label: 'Until tomorrow', click: () => actions.pause('tomorrow') },
        { type: 'separator' },
        { id: 'resume', label: 'Resume', enabled: paused, click: () => actions.resume() },
      ],
    },
    { type: 'separator' },
    { id: 'open', label: `Open ${PRODUCT_NAME}`, click: () => actions.open() },
    { id: 'quit', label: 'Quit', click: () => actions.quit() },
  ];
}

/**
 * One line per account whose deletions wait for the person's confirmation (account state, so it
 * stays whatever ran last). It opens the window, where the Status card asks; deleting contacts
 * from a menu item, without seeing how many of how many, would be too easy.
 */
function pendingDeletionItems(
  status: AppStatus,
  actions: TrayActions,
): MenuItemConstructorOptions[] {
  return status.accounts.flatMap(({ account, pendingDeletions }) =>
    pendingDeletions
      ? [
          {
            id: `pending-deletions-${account.id}`,
            label:
              `${account.email}: ${pendingDeletions.count.toLocaleString('en-US')} deleted ` +
              'contacts wait for your confirmation…',
            click: () => actions.open(),
          },
        ]
      : [],
  );
}

export interface TrayControllerDeps<Image> {
  tray: TrayLike<Image>;
  buildMenu(template: MenuItemConstructorOptions[]): MenuLike;
  icons: Record<TrayIconState, Image>;
  actions: TrayActions;
  canPause: boolean;
  now(): Date;
}

export class TrayController<Image> {
  private status: AppStatus;

  constructor(
    private readonly deps: TrayControllerDeps<Image>,
    initial: AppStatus,
  ) {
    this.status = initial;
    deps.tray.on('click', () => deps.actions.open());
    this.render();
  }

  /** Feed it every API event; it keeps what it needs. */
  onEvent(event: ApiEvent): void {
    if (event.name === 'statusChanged') this.status = event.payload;
    else if (event.name === 'syncProgress') this.status = withProgress(this.status, event.payload);
    else return;
    this.render();
  }

  /** Re-renders, so "5 min ago" stays true (the composition root calls this every minute). */
  render(): void {
    const { tray, icons, actions, canPause, now } = this.deps;
    const at = now();
    tray.setImage(icons[trayIconState(this.status.state)]);
    tray.setToolTip(trayTooltip(this.status, at));
    tray.setContextMenu(
      this.deps.buildMenu(trayMenuTemplate(this.status, at, actions, { canPause })),
    );
  }

  destroy(): void {
    this.deps.tray.destroy();
  }
}
