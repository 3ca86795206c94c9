/**
 * The core with the API's handler table over it, as the desktop app and preview mode run it (the
 * command line uses the core alone, core/compose.ts). Called only by those composition roots
 * (src/main/index.ts, src/main/preview/).
 */
import path from 'node:path';
import type { SignInClientService } from '../auth/sign-in-client.js';
import type { Clock } from '../clock.js';
import { createCore, type CoreOptions as BaseCoreOptions } from '../compose.js';
import type { Db } from '../db/connection.js';
import type { Scheduler } from '../schedule/scheduler.js';
import { CalendarAccessService } from '../services/calendar-access.js';
import type { SyncOrchestrator } from '../sync/orchestrator.js';
import { syncResources } from '../sync/sync-now.js';
import type { Settings } from '../../../shared/api/contract.js';
import { FileContactsExporter, type ChooseExportFile } from '../export/exporter.js';
import { exportsFolderChooser } from '../export/exports-folder.js';
import { WorkerFigures } from '../services/figures.js';
import { ConnectionsConnector, SettingsAdapter } from './adapters.js';
import { Api } from './api.js';
import { SharingService } from '../directory/sharing-service.js';
import { createPhotoService, type PhotoService } from '../photos/photo-service.js';
import { MemoryRelease, releaseMemory } from '../memory-release.js';

export interface CoreOptions extends BaseCoreOptions {
  onSettingsChange?: (settings: Settings) => void;
  /**
   * Where an export goes (a save dialog in the app); null when the person cancels. Default: a
   * time-stamped file in `exports/` beside the database.
   */
  chooseExportFile?: ChooseExportFile;
  /** Preview mode: the link a browser downloads a written export from. */
  exportDownloadUrl?: (file: string) => string | undefined;
  /** How long syncing must have stopped before memory is released (default 10 s; tests shorten it). */
  releaseMemoryAfterMs?: number;
}

export interface CoreServices {
  db: Db;
  clock: Clock;
  orchestrator: SyncOrchestrator;
  settings: SettingsAdapter;
  scheduler: Scheduler | null;
  api: Api;
  signInClient: SignInClientService;
  /** The local CardDAV server and phone directory, started by start() when turned on. */
  sharing: SharingService;
  /** Contact photos: fetched after each contacts run, served by both transports. */
  photos: PhotoService;
  /** Gives back what syncs grew once they have stopped. */
  memory: MemoryRelease;
  /** Recovers runs a killed process left running, then starts the schedule. */
  start(): void;
  /** Stops the schedule and the API, ends a running sync at a page boundary, closes the database. */
  close(): Promise<void>;
}

export function createCoreServices(options: CoreOptions): CoreServices {
  const core = createCore(options);
  const { db, clock, orchestrator, scheduler, calendar, signInClient } = core;
  const settings = new SettingsAdapter(
    core.settings,
    clock,
    scheduler,
    options.onSettingsChange,
    path.dirname(path.resolve(options.databasePath)),
  );
  const sharing = SharingService.forDatabase(core.settings, db, clock, options.databasePath);
  const exporter = new FileContactsExporter(
    db,
    options.chooseExportFile ?? exportsFolderChooser(options.databasePath, clock),
    {
      search: (text, o) => core.reports.search(text, o),
      ...(options.exportDownloadUrl ? { downloadUrl: options.exportDownloadUrl } : {}),
    },
  );
  const figures = new WorkerFigures(db, core.reports, clock);
  const api = new Api({
    db,
    clock,
    orchestrator,
    reports: core.reports,
    connector: new ConnectionsConnector(core.connections, core.accounts, ({ account }) => {
      // A sign-in may just have granted calendar access: calendars follow the first sync.
      if (!calendar.enabled()) return;
      // Its outcome reaches the windows as a runFinished event, as every run's does.
      syncResources(orchestrator, account.id, { trigger: 'after_connect' }, ['calendar']).catch(
        () => undefined,
      );
    }),
    calendar,
    calendarAccess: new CalendarAccessService(db, options.vault),
    settings,
    pause: settings,
    health: core.health,
    exporter,
    figures,
    signInClient,
    sharing,
  });
  const photos = createPhotoService({
    ...core,
    databasePath: options.databasePath,
    fetch: (options.env ?? process.env)['CONTACTS_SYNC_PHOTOS'] !== 'off',
  });
  // A tray app lives on after its syncs and photo passes: give back what they grew (docs/PERFORMANCE.md).
  const memory = new MemoryRelease(
    orchestrator,
    () => releaseMemory(db),
    options.releaseMemoryAfterMs,
  );
  photos.fetcher.onPass((accountId, result) => {
    if (result.stored + result.evicted + result.missing > 0) api.photosUpdated(accountId);
    memory.releaseWhenQuiet();
  });
  return {
    db,
    clock,
    orchestrator,
    settings,
    scheduler,
    api,
    signInClient,
    sharing,
    photos,
    memory,
    start() {
      orchestrator.recoverInterruptedRuns();
      scheduler?.start();
      void sharing.apply();
      photos.start();
    },
    async close() {
      memory.close();
      api.dispose();
      await Promise.all([sharing.close(), photos.close(), exporter.close(), figures.close()]);
      await core.close();
    },
  };
}
