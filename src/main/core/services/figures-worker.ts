/** Worker thread of WorkerFigures (figures.ts): statistics and the timeline over a read-only connection. */
import { readOnlyConnection } from '../db/read-only.js';
import { runInBackground } from '../thread-priority.js';
import { serveRequests } from '../worker-rpc.js';
import type { FiguresJob } from './figures.js';
import { ReportsService } from './reports.js';
import { TimelineService } from './timeline.js';

runInBackground();
serveRequests<FiguresJob, unknown>((job) => {
  const db = readOnlyConnection(job.databaseFile);
  if (job.kind === 'statistics') return new ReportsService(db).statistics(job.accountId);
  const now = new Date(job.now);
  return new TimelineService(db, { now: () => now }).timeline(job.options);
});
