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

/** How to start a worker module: a file, or (from the sources) a bootstrap that loads it. */
export interface WorkerEntry {
  script: string | URL;
  eval?: boolean;
  workerData?: unknown;
  resourceLimits?: { maxYoungGenerationSizeMb: number };
}

/**
 * A worker's young generation. V8 lets a thread that allocates fast (a page's JSON: ~10 MB of
 * objects) grow it to 48 MB by default, which stays resident; a smaller one costs a few more
 * quick collections (docs/PERFORMANCE.md "Memory of the core's process").
 */
export const WORKER_YOUNG_GENERATION_MB = 8;

/**
 * Where a worker's code is, given the URL of the module that starts it and the worker module's
 * name (a file beside that module): in the built app, the bundle `<name>.js` beside dist/main's
 * bundles (scripts/build-cli.ts WORKER_ENTRIES); from the sources (tsx, vitest), the TypeScript
 * file, loaded through tsx's loader as bin/contacts-sync does. `data` reaches the worker as
 * `workerData.data`.
 */
export function workerEntry(callerUrl: string, name: string, data?: unknown): WorkerEntry {
  if (!callerUrl.endsWith('.ts')) {
    return { script: new URL(`./${name}.js`, callerUrl), workerData: { data }, resourceLimits };
  }
  return {
    script: `const { workerData } = require('node:worker_threads');
import(workerData.tsx).then((tsx) => { tsx.register(); return import(workerData.entry); });`,
    eval: true,
    workerData: {
      tsx: import.meta.resolve('tsx/esm/api'),
      entry: new URL(`./${name}.ts`, callerUrl).href,
      data,
    },
    resourceLimits,
  };
}

const resourceLimits = { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB };
