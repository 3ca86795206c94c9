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
 */
export async function syncResources(
  orchestrator: Pick<SyncOrchestrator, 'requestSync' | 'runningResource' | 'whenIdle'>,
  accountId: number,
  request: Omit<SyncRequest, 'resource'>,
  resources: readonly SyncResource[],
  onRun: (run: SyncRun) => void = () => undefined,
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
    } else {
      await orchestrator.whenIdle(accountId);
    }
  }
  return runs;
}
