/** Worker thread of WorkerDecoder (page-decoder.ts): reads connections pages off the main thread. */
import { parentPort } from 'node:worker_threads';
import { toAppError } from '../errors.js';
import { decodeConnectionsPage } from './connections-page.js';
import { packItems, transferables } from './packed-items.js';
import type { DecodeReply, DecodeRequest } from './page-decoder.js';

const port = parentPort;
if (!port) throw new Error('decode-worker.ts runs only as a worker thread');
port.on('message', ({ id, body, defaultRegion }: DecodeRequest) => {
  let reply: DecodeReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const page = decodeConnectionsPage(new Uint8Array(body), defaultRegion);
    // Packed: the main thread passes the entries on to the sync writer without reading them.
    const entries = packItems(page.entries);
    transfer = transferables(entries);
    reply = { id, page: { ...page, entries } };
  } catch (error) {
    const { code, message } = toAppError(error);
    reply = { id, error: { code, message } };
  }
  port.postMessage(reply, transfer);
});
