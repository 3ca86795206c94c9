/** Worker thread of WorkerDecoder (page-decoder.ts): reads connections pages off the main thread. */
import { parentPort } from 'node:worker_threads';
import { toAppError } from '../errors.js';
import { decodeConnectionsPage } from './connections-page.js';
import type { DecodeReply, DecodeRequest } from './page-decoder.js';

const port = parentPort;
if (!port) throw new Error('decode-worker.ts runs only as a worker thread');
port.on('message', ({ id, body, defaultRegion }: DecodeRequest) => {
  let reply: DecodeReply;
  try {
    reply = { id, page: decodeConnectionsPage(new Uint8Array(body), defaultRegion) };
  } catch (error) {
    const { code, message } = toAppError(error);
    reply = { id, error: { code, message } };
  }
  port.postMessage(reply);
});
