/**
 * Clearing the sync history without holding the main thread: at 100k journal rows one DELETE
 * took 0.1–0.8 s (docs/PERFORMANCE.md), and a window's every call waited for it. The runs go
 * oldest first, in short transactions of at most CLEAR_BATCH rows, with a turn of the event loop
 * between them.
 *
 * What a crash (or a sync's write) between two transactions can see: every run either whole or
 * gone, except the one being cleared, which may have lost its oldest changes but keeps its row
 * and counts; no journal row ever outlives its run (the foreign keys hold at every commit).
 * Clearing again finishes the job. CardDAV sync tokens name a journal row and its run
 * (carddav/card-store.ts): rows go in ascending id order within an account (its runs never
 * overlap), so while a client's token row exists every later change of its account still does,
 * and once it is gone the token is refused and the client lists the book again.
 */
import type { Db } from './connection.js';
import { inlineCheckpoints, type CheckpointPolicy } from './wal-checkpoints.js';

/**
 * Rows deleted per transaction. A journal row's contact is anywhere in the contact index, so each
 * row dirties a page of its own: 500 rows are ~2 MB of WAL and a few ms (docs/PERFORMANCE.md).
 */
export const CLEAR_BATCH = 500;

export interface ClearOptions {
  batch?: number;
  /** Copies the WAL back off the main thread while the batches commit, as a sync does. */
  checkpoints?: CheckpointPolicy;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Deletes every run but the latest and those running when it starts (runs started meanwhile are
 * newer, so they stay too), with their journal. Returns how many runs were deleted.
 */
export async function clearHistoryInBatches(db: Db, options: ClearOptions = {}): Promise<number> {
  const { batch = CLEAR_BATCH, checkpoints = inlineCheckpoints } = options;
  const doomed = db
    .prepare<[], number>(
      `SELECT id FROM sync_runs WHERE status != 'running'
         AND id < (SELECT max(id) FROM sync_runs) ORDER BY id`,
    )
    .pluck()
    .all();
  const deleteJournal = db.prepare<[number, number]>(
    `DELETE FROM contact_changes WHERE id IN
       (SELECT id FROM contact_changes WHERE run_id = ? ORDER BY id LIMIT ?)`,
  );
  const deleteRun = db.prepare<[number]>('DELETE FROM sync_runs WHERE id = ?');
  let next = 0;
  let removed = 0;
  const oneBatch = db.transaction(() => {
    let budget = batch;
    while (next < doomed.length) {
      const run = doomed[next]!;
      budget -= deleteJournal.run(run, budget).changes;
      if (budget <= 0) return; // its journal may go on: the next transaction finishes it
      removed += deleteRun.run(run).changes;
      next++;
      if (--budget <= 0) return;
    }
  });
  checkpoints.begin();
  try {
    while (next < doomed.length) {
      oneBatch();
      checkpoints.committed();
      await nextTurn();
    }
  } finally {
    checkpoints.end();
  }
  return removed;
}
