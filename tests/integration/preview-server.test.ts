/**
 * The preview transport over the real core: who may connect (token, origin, host, interface) and
 * that calls and events travel over the WebSocket.
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Api } from '../../src/main/core/api/api.js';
import { CONTENT_SECURITY_POLICY } from '../../src/main/core/api/renderer-assets.js';
import { systemClock } from '../../src/main/core/clock.js';
import { API_PATH, PreviewServer } from '../../src/main/preview/server.js';
import { Harness } from './harness.js';

let h: Harness;
let api: Api;
let server: PreviewServer;
let rendererDir: string;

beforeAll(async () => {
  h = await Harness.start({ contacts: 300 });
  api = new Api({ db: h.db, clock: systemClock, orchestrator: h.orchestrator, reports: h.reports });
  rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-preview-'));
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><p>preview</p>');
  fs.writeFileSync(path.join(rendererDir, 'app.js'), 'export {}');
  server = await PreviewServer.start({ endpoint: api, rendererDir });
});

afterAll(async () => {
  await server.close();
  api.dispose();
  await h.close();
  fs.rmSync(rendererDir, { recursive: true, force: true });
});

/** A raw GET, so the test controls the Host header. */
function get(pathAndQuery: string, host = `127.0.0.1:${server.address().port}`) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
    (resolve, reject) => {
      const req = http.get(
        { host: '127.0.0.1', port: server.address().port, path: pathAndQuery, headers: { host } },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        },
      );
      req.on('error', reject);
    },
  );
}

const socketUrl = (token = server.token) =>
  `ws://127.0.0.1:${server.address().port}${API_PATH}?token=${encodeURIComponent(token)}`;

/** Resolves with the HTTP status of a refused upgrade, or 101 when the socket opened. */
function tryConnect(url: string, options: WebSocket.ClientOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options);
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', reject);
  });
}

/** An open client that collects every frame. */
async function client() {
  const ws = new WebSocket(socketUrl(), { origin: server.origin });
  const frames: Array<Record<string, unknown>> = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (data) => {
    frames.push(JSON.parse(data.toString()) as Record<string, unknown>);
    for (const wake of waiters.splice(0)) wake();
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const until = async (test: (f: Record<string, unknown>) => boolean) => {
    while (!frames.some(test)) await new Promise<void>((resolve) => waiters.push(resolve));
    return frames.find(test) as Record<string, unknown>;
  };
  return { ws, frames, until };
}

describe('preview server', () => {
  it('listens on 127.0.0.1 only', async () => {
    expect(server.address().address).toBe('127.0.0.1');
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
    // Through any other address of this machine the port is closed.
    const others = Object.values(os.networkInterfaces())
      .flat()
      .filter((a) => a && a.family === 'IPv4' && !a.internal)
      .map((a) => a?.address as string);
    for (const address of others) {
      const refused = await new Promise<string>((resolve) => {
        const socket = net.connect(server.address().port, address);
        socket.on('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      expect(refused, address).toBe('ECONNREFUSED');
    }
  });

  it('serves the page only with the token, with the CSP', async () => {
    expect((await get('/')).status).toBe(403);
    expect((await get('/?token=wrong')).status).toBe(403);
    const page = await get(`/?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('preview');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect((await get('/app.js')).status).toBe(200);
    expect((await get('/../../etc/passwd')).status).toBe(404);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    expect(
      (await get(`/?token=${server.token}`, `evil.example:${server.address().port}`)).status,
    ).toBe(403);
    const port = server.address().port;
    expect(
      await tryConnect(socketUrl(), {
        origin: server.origin,
        headers: { host: `localhost:${port}` },
      }),
    ).toBe(403);
  });

  it('refuses WebSocket connections without the token or from another origin', async () => {
    expect(await tryConnect(socketUrl(''), { origin: server.origin })).toBe(403);
    expect(await tryConnect(socketUrl('x'.repeat(32)), { origin: server.origin })).toBe(403);
    expect(await tryConnect(socketUrl(), { origin: 'https://evil.example' })).toBe(403);
    expect(
      await tryConnect(socketUrl(), { origin: `http://localhost:${server.address().port}` }),
    ).toBe(403);
    expect(await tryConnect(socketUrl())).toBe(403);
    expect(await tryConnect(socketUrl(), { origin: server.origin })).toBe(101);
  });

  it('carries calls and pushes events to every client', async () => {
    const first = await client();
    const second = await client();
    first.ws.send(JSON.stringify({ id: 1, method: 'getStatus', params: {} }));
    expect(await first.until((f) => f['id'] === 1)).toMatchObject({
      result: { ok: true, value: { state: 'idle' } },
    });
    first.ws.send(JSON.stringify({ id: 2, method: 'syncNow' }));
    expect(await first.until((f) => f['id'] === 2)).toMatchObject({ result: { ok: true } });
    for (const c of [first, second]) {
      const finished = await c.until((f) => f['event'] === 'runFinished');
      expect(finished['payload']).toMatchObject({ status: 'success', counts: { fetched: 300 } });
      expect(c.frames.some((f) => f['event'] === 'syncProgress')).toBe(true);
    }
    first.ws.close();
    second.ws.close();
  });

  it('answers malformed frames with an error and stays usable', async () => {
    const c = await client();
    c.ws.send('not json');
    c.ws.send(JSON.stringify({ method: 'getStatus' }));
    c.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    c.ws.send(JSON.stringify({ id: 5, method: '__proto__', params: {} }));
    c.ws.send(JSON.stringify({ id: 6, method: 'clearHistory', params: { all: true } }));
    expect(await c.until((f) => f['id'] === 6)).toMatchObject({
      result: { ok: false, error: { code: 'INVALID_ARGUMENT' } },
    });
    expect(c.frames.find((f) => f['id'] === 5)).toMatchObject({
      result: { ok: false, error: { code: 'UNKNOWN_METHOD' } },
    });
    expect(c.frames.filter((f) => f['id'] === null)).toHaveLength(3);
    c.ws.send(JSON.stringify({ id: 7, method: 'getStatistics', params: {} }));
    expect(await c.until((f) => f['id'] === 7)).toMatchObject({ result: { ok: true } });
    c.ws.close();
  });
});
