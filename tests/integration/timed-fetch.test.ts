/**
 * The deadlines of timedFetch over real HTTP: the inactivity deadline is about pauses, not the
 * whole answer — a slow but steady body arrives complete; a body that stops is abandoned.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RequestTimeoutError, timedFetch } from '../../src/main/core/google/timed-fetch.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** Serves five chunks, `gapMs` apart, and ends unless `stopAfter` chunks were sent. */
async function serve(gapMs: number, stopAfter = Infinity): Promise<string> {
  server = createServer((_req, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.flushHeaders();
    let sent = 0;
    const next = (): void => {
      if (sent === 5) {
        res.end();
      } else if (sent < stopAfter) {
        res.write(`chunk${sent++};`);
        setTimeout(next, gapMs);
      } // else: headers and part of the body, then nothing
    };
    next();
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server?.address() as AddressInfo).port}/`;
}

describe('timedFetch', () => {
  it('lets a slow but steady body arrive whole, however long it takes in all', async () => {
    const url = await serve(200);
    // Five gaps of 200 ms: the whole body takes longer than the inactivity deadline.
    const response = await timedFetch({ connectMs: 2000, idleMs: 600 })(url);
    expect(await response.text()).toBe('chunk0;chunk1;chunk2;chunk3;chunk4;');
  });

  it('abandons a body that stops arriving', async () => {
    const url = await serve(10, 2);
    const response = await timedFetch({ connectMs: 2000, idleMs: 300 })(url);
    const error: unknown = await response.text().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toMatchObject({ phase: 'idle', ms: 300 });
  });

  it('still obeys the caller’s signal', async () => {
    const url = await serve(10, 0);
    const controller = new AbortController();
    const response = await timedFetch({ connectMs: 2000, idleMs: 5000 })(url, {
      signal: controller.signal,
    });
    const reading = response.text();
    controller.abort(new Error('cancelled by the person'));
    await expect(reading).rejects.toThrow('cancelled by the person');
  });
});
