/**
 * Services the handler table uses but does not own. Each is optional: until a composition root
 * wires in the sign-in, settings, scheduler, health and export services, their calls answer
 * NOT_AVAILABLE instead of failing in some less obvious way.
 */
import type { Account } from '../../../shared/domain.js';
import type { PauseChoice } from '../schedule/pause.js';
import type { ExportRequest } from '../export/export-scope.js';
import type {
  AccountSyncHealth,
  ApiEvent,
  ApiResult,
  ExportProgress,
  ExportResult,
  Settings,
  SettingsPatch,
} from '../../../shared/api/contract.js';

export interface AccountConnector {
  /**
   * Signs in through the system browser and starts the account's first sync; `onWaiting` is told
   * the link and the deadline while the browser part is open.
   */
  connect(options: {
    loginHint?: string;
    onWaiting?: (wait: { url: string; expiresAt: string }) => void;
  }): Promise<Account>;
  /** Abandons a sign-in in progress; false when none was. */
  cancelConnect(): boolean;
  disconnect(accountId: number, options: { deleteData: boolean }): Promise<void>;
}

export interface SettingsPort {
  get(): Settings;
  update(patch: SettingsPatch): Settings;
}

export type { PauseChoice } from '../schedule/pause.js';

/** Pausing auto-sync (the tray's "Pause auto-sync ▸", DESIGN §6). */
export interface PauseControl {
  /** An ISO instant or 'indefinitely'; null when auto-sync runs normally. */
  pausedUntil(): string | null;
  pause(choice: PauseChoice): void;
  resume(): void;
}

export interface HealthSource {
  all(): AccountSyncHealth[];
}

export interface ContactsExporter {
  export(
    request: ExportRequest,
    onProgress?: (progress: ExportProgress) => void,
  ): Promise<ExportResult>;
}

/**
 * What a transport (Electron IPC, the preview WebSocket, the tray) needs from the handler table:
 * call by name with an unvalidated payload, and subscribe to every event.
 */
export interface ApiEndpoint {
  call(method: unknown, payload: unknown): Promise<ApiResult<unknown>>;
  subscribe(listener: (event: ApiEvent) => void): () => void;
}
