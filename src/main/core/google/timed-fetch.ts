/**
 * Bounded waiting for every Google request (DESIGN §5). gaxios has no timeout by default, and its
 * `timeout` option is one total deadline — too short for a 1,000-contact page on a slow line, yet
 * no help against a body that stalls after the headers unless it is set that short. So requests go
 * through this fetch instead: one deadline for the answer's headers, then an inactivity deadline
 * that every arriving chunk of the body pushes back.
 */

export interface RequestTimeouts {
  /** From sending the request to the answer's headers (connecting included). */
  connectMs: number;
  /** Longest pause between two chunks of the body. */
  idleMs: number;
}

/** Generous for a desktop on a poor connection; a laptop waking from sleep still ends in a minute. */
export const DEFAULT_REQUEST_TIMEOUTS: RequestTimeouts = { connectMs: 30_000, idleMs: 60_000 };

/** Why a request was abandoned; classifyGoogleError turns it into a transient TIMEOUT. */
export class RequestTimeoutError extends Error {
  override readonly name = 'RequestTimeoutError';
  constructor(
    readonly phase: 'connect' | 'idle',
    readonly ms: number,
  ) {
    super(
      phase === 'connect'
        ? `No answer within ${ms} ms`
        : `The answer stopped arriving for ${ms} ms`,
    );
  }
}

type Fetch = typeof fetch;

/** Statuses whose Response may not carry a body. */
const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * A fetch with both deadlines; the caller's signal still cancels it at any time, and so does
 * `lifetime` (the owner closing: a CLI told to stop must not wait for a request nobody awaits).
 */
export function timedFetch(
  timeouts: RequestTimeouts,
  base: Fetch = fetch,
  lifetime?: AbortSignal,
): Fetch {
  return async (input, init) => {
    const controller = new AbortController();
    const signals = [init?.signal, lifetime].filter((s): s is AbortSignal => s != null);
    const outer = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    const forward = () => controller.abort(outer?.reason);
    if (outer?.aborted) forward();
    else outer?.addEventListener('abort', forward, { once: true });
    let timer: NodeJS.Timeout | undefined;
    const expire = (phase: RequestTimeoutError['phase'], ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(new RequestTimeoutError(phase, ms)), ms);
    };
    const done = () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', forward);
    };
    const reason = (error: unknown) =>
      controller.signal.reason instanceof RequestTimeoutError ? controller.signal.reason : error;

    expire('connect', timeouts.connectMs);
    let response: Response;
    try {
      response = await base(input, { ...init, signal: controller.signal });
    } catch (error) {
      done();
      throw reason(error);
    }
    if (!response.body || NULL_BODY.has(response.status)) {
      done();
      return response;
    }
    expire('idle', timeouts.idleMs);
    const reader = response.body.getReader();
    const body = new ReadableStream<Uint8Array>({
      async pull(stream) {
        try {
          const chunk = await reader.read();
          if (chunk.done) {
            done();
            stream.close();
            return;
          }
          expire('idle', timeouts.idleMs);
          stream.enqueue(chunk.value);
        } catch (error) {
          done();
          stream.error(reason(error));
        }
      },
      cancel(why) {
        done();
        return reader.cancel(why);
      },
    });
    const timed = new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    Object.defineProperty(timed, 'url', { value: response.url });
    return timed;
  };
}
