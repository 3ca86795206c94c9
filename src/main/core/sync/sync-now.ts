import type { SyncResource, SyncRun } from '../../../shared/domain.js';
import type { Settings } from '../settings/schema.js';
import type { SyncOrchestrator, SyncRequest } from './orchestrator.js';

/** What Sync Now and `contacts-sync sync` cover: contacts, and calendars once calendar sync is on. */
export function resourcesToSync(settings: { get(): Settings } | null | undefined): SyncResource[] {
  return settings?.get().calendar.enabled ? ['contacts', 'calendar'] : ['contacts'];
}

/**
 * Syncs each resource of one account in turn: the orchestrator allows one run per account at a
 * time, so each waits for the one before. A resource already syncing (say, a scheduled run) is
 * waited for rather than run twice; a run of the other resource in progress is waited out first.
 * A run of another process is not waited for: `onBusy` hears of it.
 */
export async function syncResources(
  orchestrator: Pick<SyncOrchestrator, 'requestSync' | 'runningResource' | 'whenIdle'>,
  accountId: number,
  request: Omit<SyncRequest, 'resource'>,
  resources: readonly SyncResource[],
  onRun: (run: SyncRun) => void = () => undefined,
  /** Told when another process (the app, the daemon, a cron `sync`) is syncing the account. */
  onBusy: (resource: SyncResource, runId: number) => void = () => undefined,
): Promise<SyncRun[]> {
  const runs: SyncRun[] = [];
  for (const resource of resources) {
    let result = orchestrator.requestSync(accountId, { ...request, resource });
    if (
      result.status === 'already_running' &&
      orchestrator.runningResource(accountId) !== resource
    ) {
      await orchestrator.whenIdle(accountId);
      result = orchestrator.requestSync(accountId, { ...request, resource });
    }
    if (result.status === 'started') {
      const run = await result.done;
      runs.push(run);
      onRun(run);
    } else if (orchestrator.runningResource(accountId) === null) {
      onBusy(resource, result.runId); // nothing of this process's to wait for
    } else {
      await orchestrator.whenIdle(accountId);
    }
  }
  return runs;
}
