/**
 * Request/reply over a worker thread, for jobs that must not hold the main (UI) thread: each
 * request gets an id, may stream events back (progress) and ends with a value or a typed error.
 * The thread starts on first use, is unref'd while idle (an idle worker never keeps the process
 * alive), stops after `idleMs` without a request and is terminated by close().
 */
import { parentPort, type Worker } from 'node:worker_threads';
import { AppError, ERROR_CODES, toAppError, type ErrorCode } from './errors.js';
import type { Logger } from './logger.js';
import { newWorker, tryStartWorker, type WorkerEntry, type WorkerFactory } from './workers.js';

/** An error as it crosses the thread boundary (Error objects lose their class on the way). */
export interface WireError {
  code: string;
  message: string;
}

interface WireRequest<Req> {
  id: number;
  payload: Req;
}

type WireReply<Res, Ev> =
  { id: number; event: Ev } | { id: number; value: Res } | { id: number; error: WireError };

/**
 * The worker could not be started, or stopped before answering: nothing the request asked for
 * was decided, so the caller may do the job itself (on its own thread) instead.
 */
export class WorkerUnavailable extends Error {
  override readonly name = 'WorkerUnavailable';
}

const closing = () => new AppError('CANCELLED', 'Stopped: the app is closing.');

export function fromWireError(error: WireError): AppError {
  const known = (ERROR_CODES as readonly string[]).includes(error.code);
  return new AppError(known ? (error.code as ErrorCode) : 'INTERNAL', error.message);
}

interface Pending<Res, Ev> {
  resolve: (value: Res) => void;
  reject: (error: unknown) => void;
  onEvent: ((event: Ev) => void) | undefined;
}

export interface WorkerRpcOptions {
  entry: WorkerEntry;
  log: Logger;
  /** What the caller does instead when no thread can be had, for the warning. */
  fallback: string;
  createWorker?: WorkerFactory;
  idleMs?: number;
}

export class WorkerRpc<Req, Res, Ev = never> {
  private worker: Worker | null = null;
  private closed = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending<Res, Ev>>();
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: WorkerRpcOptions) {}

  /** Rejects with WorkerUnavailable when no thread can be started or it dies mid-request. */
  request(payload: Req, onEvent?: (event: Ev) => void): Promise<Res> {
    if (this.closed) return Promise.reject(closing());
    this.cancelIdleStop();
    const worker = this.start();
    if (!worker) return Promise.reject(new WorkerUnavailable('no worker thread'));
    const id = this.nextId++;
    return new Promise<Res>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onEvent });
      if (this.pending.size === 1) worker.ref();
      const request: WireRequest<Req> = { id, payload };
      worker.postMessage(request);
    });
  }

  /**
   * Stops the thread. Requests still waiting, and later ones, fail CANCELLED rather than
   * WorkerUnavailable: the caller is shutting down and must not start the job on its own thread.
   */
  async close(): Promise<void> {
    this.closed = true;
    this.cancelIdleStop();
    const worker = this.worker;
    this.worker = null;
    this.failPending(closing());
    if (worker) await worker.terminate();
  }

  private start(): Worker | null {
    if (this.worker || this.closed) return this.worker;
    const { script, ...workerOptions } = this.options.entry;
    const worker = tryStartWorker(
      this.options.createWorker ?? newWorker,
      script,
      workerOptions,
      this.options.log,
      this.options.fallback,
    );
    if (!worker) return null;
    worker.unref();
    worker.on('message', (reply: WireReply<Res, Ev>) => this.onReply(reply));
    worker.on('error', (error) => this.onFailed(worker, error));
    worker.on('exit', (code) => this.onFailed(worker, new Error(`the worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  private onReply(reply: WireReply<Res, Ev>): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    if ('event' in reply) {
      pending.onEvent?.(reply.event);
      return;
    }
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.becomeIdle();
    if ('value' in reply) pending.resolve(reply.value);
    else pending.reject(fromWireError(reply.error));
  }

  private becomeIdle(): void {
    this.worker?.unref();
    this.idleTimer = setTimeout(() => this.stopIdle(), this.options.idleMs ?? 30_000);
    this.idleTimer.unref();
  }

  private cancelIdleStop(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private stopIdle(): void {
    this.idleTimer = null;
    const worker = this.worker;
    if (!worker || this.pending.size > 0) return;
    this.worker = null; // before terminating, so its exit is not taken for a failure
    void worker.terminate();
  }

  private onFailed(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.options.log.warn(`a worker thread stopped; ${this.options.fallback}`, {
      reason: error.message,
    });
    this.worker = null;
    this.failPending(new WorkerUnavailable(error.message));
  }

  private failPending(error: Error): void {
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      pending.reject(error);
    }
  }
}

/**
 * The worker's answer, or `here`'s (on the calling thread) when there is no worker or no thread
 * could be had for this request.
 */
export async function onWorkerOrHere<Req, Res, Ev>(
  rpc: WorkerRpc<Req, Res, Ev> | null,
  payload: Req,
  here: () => Res | Promise<Res>,
  onEvent?: (event: Ev) => void,
): Promise<Res> {
  if (rpc) {
    try {
      return await rpc.request(payload, onEvent);
    } catch (error) {
      if (!(error instanceof WorkerUnavailable)) throw error;
    }
  }
  return here();
}

/**
 * The worker's side: answers each request with `handle`'s value or error; `emit` sends events
 * for that request (they arrive before its reply).
 */
export function serveRequests<Req, Res, Ev = never>(
  handle: (payload: Req, emit: (event: Ev) => void) => Promise<Res> | Res,
): void {
  const port = parentPort;
  if (!port) throw new Error('serveRequests runs only in a worker thread');
  port.on('message', ({ id, payload }: WireRequest<Req>) => {
    const send = (reply: WireReply<Res, Ev>) => port.postMessage(reply);
    Promise.resolve()
      .then(() => handle(payload, (event) => send({ id, event })))
      .then(
        (value) => send({ id, value }),
        (error: unknown) => {
          const { code, message } = toAppError(error);
          send({ id, error: { code, message } });
        },
      );
  });
}
