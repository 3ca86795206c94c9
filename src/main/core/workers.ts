import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { Logger } from './logger.js';

/** Creates worker threads; tests pass one that fails the way a system at its limits does. */
export type WorkerFactory = (script: string | URL, options: WorkerOptions) => Worker;

export const newWorker: WorkerFactory = (script, options) => new Worker(script, options);

/**
 * Starts a worker, or answers null when the system refuses the thread. `new Worker` throws
 * synchronously when the thread cannot be created (EAGAIN at a thread or memory limit), before
 * any 'error' event could be listened to, so callers that only listen for events never fall back.
 */
export function tryStartWorker(
  factory: WorkerFactory,
  script: string | URL,
  options: WorkerOptions,
  log: Logger,
  fallback: string,
): Worker | null {
  try {
    return factory(script, options);
  } catch (error) {
    log.warn(`a worker thread could not be created; ${fallback}`, {
      code: (error as { code?: unknown }).code,
      reason: error instanceof Error ? error.message : String(error),
    });
    return null;
  }
}
