/** A worker for worker-rpc.test.ts: answers, streams events, fails or dies as asked. */
import { AppError } from '../../src/main/core/errors.js';
import { serveRequests } from '../../src/main/core/worker-rpc.js';

export type EchoRequest =
  | { kind: 'echo'; text: string; events: number }
  | { kind: 'fail'; code: string; message: string }
  | { kind: 'die' }
  | { kind: 'hang' };

serveRequests<EchoRequest, string, number>(async (request, emit) => {
  switch (request.kind) {
    case 'echo':
      for (let i = 1; i <= request.events; i++) emit(i);
      return request.text;
    case 'fail':
      if (request.code === 'DISK_FULL') throw new AppError('DISK_FULL', request.message);
      throw Object.assign(new Error(request.message), { code: request.code });
    case 'die':
      process.exit(3); // in a worker, ends the thread only
      break;
    case 'hang':
      await new Promise(() => undefined);
  }
  return '';
});
