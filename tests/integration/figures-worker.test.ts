/**
 * Statistics off the main thread (issue 15): getStatistics and getTimeline are computed on a
 * worker thread over its own read-only connection, the same figures as in-thread; in-thread when
 * no thread can be had. The deleted-contacts list reads only deleted contacts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Api } from '../../src/main/core/api/api.js';
import { DELETED_CONTACTS_SQL } from '../../src/main/core/api/deleted-contacts.js';
import type { Clock } from '../../src/main/core/clock.js';
import { WorkerFigures } from '../../src/main/core/services/figures.js';
import { TimelineService } from '../../src/main/core/services/timeline.js';
import type { WorkerFactory } from '../../src/main/core/workers.js';
import type { ApiMethod } from '../../src/shared/api/contract.js';
import { countingFactory, refusingFactory, withWarnings } from '../support/refused-workers.js';
import { Harness } from './harness.js';

let h: Harness;
let figures: WorkerFigures | undefined;
let api: Api | undefined;
const at = new Date();
const clock: Clock = { now: () => at };

beforeEach(async () => {
  h = await Harness.start({ contacts: 300 });
  await h.sync();
  for (const person of h.fake.listContacts().slice(0, 4))
    h.fake.deleteContact(person.resourceName!);
  await h.sync();
});

afterEach(async () => {
  api?.dispose();
  await figures?.close();
  await h.close();
  api = figures = undefined;
});

function apiWith(createWorker: WorkerFactory): Api {
  figures = new WorkerFigures(h.db, h.reports, clock, { createWorker });
  api = new Api({ db: h.db, clock, orchestrator: h.orchestrator, reports: h.reports, figures });
  return api;
}

async function value(method: ApiMethod, payload: unknown = {}): Promise<unknown> {
  const result = await api!.call(method, payload);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

describe('statistics figures', () => {
  it('are computed on one worker thread, the same as in-thread', async () => {
    const started: unknown[] = [];
    apiWith(countingFactory(started));
    const timeline = new TimelineService(h.db, clock);

    expect(await value('getStatistics')).toEqual(h.reports.statistics());
    expect(await value('getStatistics', { accountId: h.accountId })).toEqual(
      h.reports.statistics(h.accountId),
    );
    expect(await value('getTimeline', { days: 7 })).toEqual(timeline.timeline({ days: 7 }));
    expect(started).toHaveLength(1);
    expect(h.reports.statistics().contacts).toMatchObject({ active: 296, deleted: 4 });
  });

  it('are computed in-thread, with a warning, when the system refuses the thread', async () => {
    await withWarnings(async (warnings) => {
      apiWith(refusingFactory);
      expect(await value('getStatistics')).toEqual(h.reports.statistics());
      expect(warnings.join('\n')).toMatch(/WARN \[figures\].*computed on the main thread/);
    });
  });
});

describe('the deleted contacts list', () => {
  it('reads only deleted contacts, through their own index', () => {
    for (const account of [null, h.accountId]) {
      const plan = h.db
        .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${DELETED_CONTACTS_SQL}`)
        .all(account, account, 200, 0)
        .map((step) => step.detail);
      expect(plan).toContain('SEARCH c USING INDEX contacts_deleted (deleted_at>?)');
      expect(plan.filter((step) => /^SCAN c\b/.test(step))).toEqual([]);
    }
  });
});
