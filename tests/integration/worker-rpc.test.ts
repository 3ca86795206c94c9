/** worker-rpc.ts over real threads: replies, events, typed errors, a dying or refused thread. */
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/main/core/errors.js';
import { createLogger } from '../../src/main/core/logger.js';
import { WorkerRpc, WorkerUnavailable } from '../../src/main/core/worker-rpc.js';
import { newWorker, workerEntry, type WorkerFactory } from '../../src/main/core/workers.js';
import { refusingFactory, withWarnings } from '../support/refused-workers.js';
import type { EchoRequest } from './worker-rpc-echo.js';

let rpc: WorkerRpc<EchoRequest, string, number> | undefined;
afterEach(async () => {
  await rpc?.close();
  rpc = undefined;
});

function echo(createWorker: WorkerFactory = newWorker): WorkerRpc<EchoRequest, string, number> {
  rpc = new WorkerRpc({
    entry: workerEntry(import.meta.url, 'worker-rpc-echo'),
    log: createLogger('test'),
    fallback: 'the caller does the job itself',
    createWorker,
  });
  return rpc;
}

describe('WorkerRpc', () => {
  it('answers each request with its own value, its events first', async () => {
    const started: unknown[] = [];
    const worker = echo((script, options) => (started.push(script), newWorker(script, options)));
    const events: [string, number][] = [];
    const answers = await Promise.all(
      ['a', 'b'].map((text) =>
        worker.request({ kind: 'echo', text, events: 3 }, (n) => events.push([text, n])),
      ),
    );
    expect(answers).toEqual(['a', 'b']);
    expect(events.filter(([t]) => t === 'a').map(([, n]) => n)).toEqual([1, 2, 3]);
    expect(events.filter(([t]) => t === 'b').map(([, n]) => n)).toEqual([1, 2, 3]);
    expect(started).toHaveLength(1);
  });

  it('turns errors into AppErrors with their code and message, INTERNAL when unknown', async () => {
    const worker = echo();
    const full = 'The disk is full (/x/contacts.vcf). Free some space on it and try again.';
    const failed = await worker.request({ kind: 'fail', code: 'DISK_FULL', message: full }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failed).toBeInstanceOf(AppError);
    expect(failed).toMatchObject({ code: 'DISK_FULL', message: full });
    await expect(
      worker.request({ kind: 'fail', code: 'ENOSPC', message: 'no space' }),
    ).rejects.toMatchObject({ code: 'DISK_FULL' });
    await expect(
      worker.request({ kind: 'fail', code: 'WHATEVER', message: 'odd' }),
    ).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('rejects WorkerUnavailable when the thread dies, and starts a new one next time', async () => {
    const worker = echo();
    await withWarnings(async (warnings) => {
      await expect(worker.request({ kind: 'die' })).rejects.toBeInstanceOf(WorkerUnavailable);
      expect(warnings.join('\n')).toMatch(/WARN \[test\].*the caller does the job itself/);
    });
    expect(await worker.request({ kind: 'echo', text: 'again', events: 0 })).toBe('again');
  });

  it('rejects WorkerUnavailable when the system refuses the thread', async () => {
    await withWarnings(async () => {
      await expect(
        echo(refusingFactory).request({ kind: 'echo', text: 'x', events: 0 }),
      ).rejects.toBeInstanceOf(WorkerUnavailable);
    });
  });

  it('close() ends a waiting request and refuses later ones, as cancelled (no fallback)', async () => {
    const worker = echo();
    const waiting = worker.request({ kind: 'hang' }).catch((error: unknown) => error);
    await worker.close();
    expect(await waiting).toMatchObject({ code: 'CANCELLED' });
    expect(await waiting).not.toBeInstanceOf(WorkerUnavailable);
    await expect(worker.request({ kind: 'echo', text: 'x', events: 0 })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
  });
});
