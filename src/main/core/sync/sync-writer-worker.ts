/**
 * The sync writer's thread (sync-writer.ts): owns a write connection to the database and commits
 * the pages the main thread's listings hand it, each in the transaction of commitPage, with its
 * own background checkpoints. Only what fits in a message crosses: writers are built here from
 * their specs, and errors go back as a code and a message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { assertNever } from '../../../shared/domain.js';
import { openDatabase } from '../db/connection.js';
import { LeasesRepo } from '../db/leases-repo.js';
import { BackgroundCheckpointer } from '../db/wal-checkpoints.js';
import { toAppError } from '../errors.js';
import { commitPage, createPageWriter, renewLease, type PageWriter } from './sync-writes.js';
import type { WriterReply, WriterRequest } from './sync-writer.js';

const port = parentPort;
if (!port) throw new Error('sync-writer-worker.ts runs only as a worker thread');
const { file } = (workerData as { data: { file: string } }).data;
const db = openDatabase(file);
const checkpoints = new BackgroundCheckpointer(db);
const writers = new Map<number, PageWriter<unknown>>();

function answer(callId: number, run: () => unknown): void {
  let reply: WriterReply;
  try {
    reply = { callId, ok: true, value: run() };
  } catch (error) {
    const { code, message } = toAppError(error, { file });
    reply = { callId, ok: false, error: { code, message } };
  }
  port!.postMessage(reply);
}

port.on('message', (request: WriterRequest) => {
  switch (request.op) {
    case 'open':
      writers.set(request.listing, createPageWriter(db, request.spec) as PageWriter<unknown>);
      checkpoints.begin();
      return;
    case 'close':
      if (writers.delete(request.listing)) checkpoints.end();
      return;
    case 'commit':
      answer(request.callId, () => {
        const writer = writers.get(request.listing);
        if (!writer) throw new Error(`no open listing ${request.listing}`);
        const outcome = commitPage(db, writer, request.page);
        checkpoints.committed();
        return outcome;
      });
      return;
    case 'renewLease':
      answer(request.callId, () => renewLease(new LeasesRepo(db), request.terms));
      return;
    case 'shutdown':
      void checkpoints.close().then(() => {
        db.close();
        port.close();
      });
      return;
    default:
      assertNever(request);
  }
});
