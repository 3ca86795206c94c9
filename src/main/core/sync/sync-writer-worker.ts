/**
 * The sync writer's thread (sync-writer.ts): owns a write connection to the database and commits
 * the pages the main thread's listings hand it, each in the transaction of commitPage, with its
 * own background checkpoints. Only what fits in a message crosses: writers are built here from
 * their specs, and errors go back as a code and a message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { assertNever } from '../../../shared/domain.js';
import { CONNECTION_ROLES, openDatabase } from '../db/connection.js';
import { LeasesRepo } from '../db/leases-repo.js';
import { BackgroundCheckpointer } from '../db/wal-checkpoints.js';
import { toAppError } from '../errors.js';
import { commitPage, createPageWriter, renewLease, type PageWriter } from './sync-writes.js';
import type { WriterReply, WriterRequest, WriterThreadData } from './sync-writer.js';

const port = parentPort as NonNullable<typeof parentPort>;
if (!parentPort) throw new Error('sync-writer-worker.ts runs only as a worker thread');
const { file, pragmas } = (workerData as { data: WriterThreadData }).data;
const db = openDatabase(file, CONNECTION_ROLES.writer);
for (const pragma of pragmas) db.pragma(pragma);
const checkpoints = new BackgroundCheckpointer(db);
const writers = new Map<number, PageWriter<unknown>>();
/** How many pages the log may hold before one waits for it to be copied back (~3 MB each). */
const PAGES_PER_LOG_RESTART = 3;
let commitsSinceRestart = 0;

async function answer(callId: number, run: () => unknown): Promise<void> {
  let reply: WriterReply;
  try {
    reply = { callId, ok: true, value: await run() };
  } catch (error) {
    const { code, message } = toAppError(error, { file });
    reply = { callId, ok: false, error: { code, message } };
  }
  port!.postMessage(reply);
}

port.postMessage('ready');

/** Requests are handled one after the other, in the order sent, even those that wait. */
let queue = Promise.resolve();
port.on('message', (request: WriterRequest) => {
  queue = queue.then(() => handle(request));
});

async function handle(request: WriterRequest): Promise<void> {
  switch (request.op) {
    case 'open':
      writers.set(request.listing, createPageWriter(db, request.spec) as PageWriter<unknown>);
      checkpoints.begin();
      return;
    case 'close':
      if (writers.delete(request.listing)) checkpoints.end();
      return;
    case 'commit':
      return answer(request.callId, async () => {
        const writer = writers.get(request.listing);
        if (!writer) throw new Error(`no open listing ${request.listing}`);
        // Pages come back to back here, so the background checkpoint never catches up with the
        // log's end and the log only grows (to the database's size in a first import). Every few
        // pages, and before a listing's last (a first import's largest transaction by far), the
        // page waits for the checkpoint to copy everything back: the log then starts over.
        if (request.page.last || ++commitsSinceRestart >= PAGES_PER_LOG_RESTART) {
          // Asked for now, the checkpoint also covers what the main thread wrote since our last
          // page (the run's progress), without which the log cannot start over.
          checkpoints.committed();
          await checkpoints.idle();
          commitsSinceRestart = 0;
        }
        const outcome = commitPage(db, writer, request.page);
        checkpoints.committed();
        return outcome;
      });
    case 'renewLease':
      return answer(request.callId, () => renewLease(new LeasesRepo(db), request.terms));
    case 'shutdown':
      await checkpoints.close();
      db.close();
      port.close();
      return;
    default:
      assertNever(request);
  }
}
