/**
 * Contact photos as the desktop app and preview mode run them (the command line has no window to
 * show them in): the cache beside the database, and a fetch pass after every successful contacts
 * run of an account, with that account's credentials.
 */
import type { AuthClients } from '../auth/google-auth.js';
import type { AccountsRepo } from '../db/accounts-repo.js';
import type { Db } from '../db/db.js';
import { GOOGLE_ENDPOINTS } from '../google/endpoints.js';
import type { SettingsService } from '../settings/settings-service.js';
import type { SyncOrchestrator } from '../sync/orchestrator.js';
import { PhotoCache } from './photo-cache.js';
import { PhotoFetcher } from './photo-fetcher.js';
import { googlePhotoSource } from './photo-source.js';

export interface PhotoService {
  cache: PhotoCache;
  fetcher: PhotoFetcher;
  /** A pass for every account, for photos a previous session did not finish. */
  start(): void;
  close(): Promise<void>;
}

export function createPhotoService(deps: {
  db: Db;
  databasePath: string;
  clients: AuthClients;
  accounts: AccountsRepo;
  orchestrator: SyncOrchestrator;
  settings: SettingsService;
  /**
   * false: nothing is fetched (what was cached is still served). For measurements that must not
   * share the CPU with a photo pass, e.g. search latency right after a 100k sync.
   */
  fetch?: boolean;
}): PhotoService {
  const { clients, accounts, orchestrator } = deps;
  const cache = PhotoCache.beside(deps.db, deps.databasePath);
  // With CONTACTS_SYNC_GOOGLE_URL (tests, the demo) photos are on that server too.
  const people = clients.endpoints.peopleRootUrl;
  const testOrigin = people === GOOGLE_ENDPOINTS.peopleRootUrl ? null : new URL(people).origin;
  const fetcher = new PhotoFetcher({
    cache,
    capBytes: () => deps.settings.get().photos.cacheMb * 1024 * 1024,
    sourceFor: (accountId) => {
      const client = clients.clientFor(accounts.get(accountId).email);
      return googlePhotoSource({
        headers: (url) => client.getRequestHeaders(url),
        timeouts: clients.timeouts,
        testOrigin,
      });
    },
  });
  const enabled = deps.fetch ?? true;
  const unsubscribe = orchestrator.onRunFinished((run) => {
    const synced = run.resource === 'contacts' && run.status === 'success';
    if (enabled && synced) fetcher.schedule(run.accountId);
  });
  return {
    cache,
    fetcher,
    start() {
      if (!enabled) return;
      for (const account of accounts.list()) {
        if (account.status === 'connected') fetcher.schedule(account.id);
      }
    },
    async close() {
      unsubscribe();
      await fetcher.close();
    },
  };
}
