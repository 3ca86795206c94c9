import { Worker } from 'node:worker_threads';
import { configureLogging } from '../../src/main/core/logger.js';
import { newWorker, type WorkerFactory } from '../../src/main/core/workers.js';

/** What `new Worker` throws when the system has no thread left to give (a thread or memory limit). */
export const refusingFactory: WorkerFactory = () => {
  throw Object.assign(new Error('Resource temporarily unavailable'), { code: 'EAGAIN' });
};

/** A worker that fails while starting up, so 'error' comes before 'online'. */
export const failingAtStartFactory: WorkerFactory = () =>
  new Worker(`throw Object.assign(new Error('cannot start'), { code: 'EAGAIN' });`, {
    eval: true,
  });

/** Starts real threads and records each start in `started`. */
export function countingFactory(started: unknown[]): WorkerFactory {
  return (script, options) => {
    started.push(script);
    return newWorker(script, options);
  };
}

/** Collects warnings while `body` runs, then sends logs to stderr again. */
export async function withWarnings<T>(body: (lines: string[]) => Promise<T>): Promise<T> {
  const lines: string[] = [];
  configureLogging({ sink: (line) => lines.push(line), level: 'warn' });
  try {
    return await body(lines);
  } finally {
    configureLogging({ sink: (line) => process.stderr.write(line + '\n') });
  }
}
