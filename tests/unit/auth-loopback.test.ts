import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/main/core/errors.js';
import {
  CALLBACK_PATH,
  startLoopbackReceiver,
  timeoutMessage,
  type LoopbackReceiver,
} from '../../src/main/core/auth/loopback.js';

const STATE = 'expected-state-0123456789';
let receiver: LoopbackReceiver<string> | undefined;
let codes: string[];

afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

async function start(
  options: {
    timeoutMs?: number;
    signal?: AbortSignal;
    onCode?: (code: string) => Promise<string>;
  } = {},
) {
  codes = [];
  receiver = await startLoopbackReceiver<string>({
    state: STATE,
    timeoutMs: options.timeoutMs ?? 5_000,
    ...(options.signal ? { signal: options.signal } : {}),
    onCode: async (code) => {
      codes.push(code);
      const value = options.onCode ? await options.onCode(code) : `tokens-for-${code}`;
      return { value, message: `Signed in with ${value}.` };
    },
  });
  return receiver;
}

/** A raw HTTP request, so method and Host can be anything. */
function send(
  url: string,
  options: { method?: string; host?: string } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method ?? 'GET',
        ...(options.host ? { headers: { host: options.host } } : {}),
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const callback = (r: LoopbackReceiver<string>, query: string) => `${r.redirectUri}?${query}`;

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('loopback receiver', () => {
  it('listens on 127.0.0.1, accepts one GET with the right state, shows the outcome and closes', async () => {
    const r = await start();
    expect(r.redirectUri).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+${CALLBACK_PATH}$`));
    const page = await send(callback(r, `state=${STATE}&code=abc&scope=x`));
    expect(page.status).toBe(200);
    expect(page.body).toContain('Signed in — you can close this tab');
    expect(page.body).toContain('Signed in with tokens-for-abc.');
    expect(await r.result).toBe('tokens-for-abc');
    await r.closed;
    await expect(send(callback(r, `state=${STATE}&code=again`))).rejects.toThrow(/ECONNREFUSED/);
    expect(codes).toEqual(['abc']);
  });

  it.each([
    ['a wrong state', 'state=forged&code=abc'],
    ['no state', 'code=abc&error=access_denied'],
  ])('%s is answered 400 and the sign-in keeps waiting for the right one', async (_n, query) => {
    const r = await start();
    const page = await send(callback(r, query));
    expect(page.status).toBe(400);
    expect(page.body).toMatch(/state mismatch/);
    expect(codes).toEqual([]);
    const good = await send(callback(r, `state=${STATE}&code=abc`));
    expect(good.status).toBe(200);
    expect(await r.result).toBe('tokens-for-abc');
    expect(codes).toEqual(['abc']);
  });

  it.each([
    ['a missing code', `state=${STATE}`, 'SIGN_IN_FAILED', 400, /no authorization code/],
    ['access_denied', `state=${STATE}&error=access_denied`, 'SIGN_IN_DENIED', 403, /did not allow/],
    ['another error', `state=${STATE}&error=server_error`, 'SIGN_IN_FAILED', 400, /server_error/],
  ])(
    '%s ends the sign-in with a clear error page and no code exchange',
    async (_n, query, code, status, text) => {
      const r = await start();
      const page = await send(callback(r, query));
      expect(page.status).toBe(status);
      expect(page.body).toMatch(text);
      const error = await rejection(r.result);
      expect(error.code).toBe(code);
      expect(error.message).toMatch(text);
      expect(codes).toEqual([]);
    },
  );

  it('escapes what it echoes into the page', async () => {
    const r = await start();
    const page = await send(callback(r, `state=${STATE}&error=%3Cscript%3Ex`));
    expect(page.body).not.toContain('<script>');
    expect(page.body).toContain('&lt;script&gt;');
    await rejection(r.result);
  });

  it('answers other methods, paths and hosts with an error and keeps waiting', async () => {
    const r = await start();
    const good = callback(r, `state=${STATE}&code=abc`);
    expect((await send(good, { method: 'POST' })).status).toBe(405);
    expect((await send(`${r.redirectUri}/../favicon.ico`)).status).toBe(404);
    expect((await send(good, { host: 'evil.example:80' })).status).toBe(400);
    expect(codes).toEqual([]);
    expect((await send(good)).status).toBe(200);
    expect(await r.result).toBe('tokens-for-abc');
  });

  it('a second callback while the first is being handled is refused and exchanges nothing', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const r = await start({ onCode: async (code) => (await gate, `tokens-for-${code}`) });
    const first = send(callback(r, `state=${STATE}&code=one`));
    await expect.poll(() => codes.length).toBe(1);
    const second = await send(callback(r, `state=${STATE}&code=two`));
    expect(second.status).toBe(409);
    release();
    expect((await first).status).toBe(200);
    expect(await r.result).toBe('tokens-for-one');
    expect(codes).toEqual(['one']);
  });

  it('a failure that is not ours shows a message of our own, never its text', async () => {
    const r = await start({
      onCode: () => Promise.reject(new SyntaxError('Unexpected token < in "<html>SECRET-BODY"')),
    });
    const page = await send(callback(r, `state=${STATE}&code=abc`));
    expect(page.status).toBe(502);
    const error = await rejection(r.result);
    expect(error.code).toBe('SIGN_IN_FAILED');
    expect(`${error.message} ${page.body}`).not.toContain('SECRET-BODY');
  });

  it('a failed code exchange shows an error page and rejects with its error', async () => {
    const r = await start({
      onCode: () => Promise.reject(new AppError('SIGN_IN_FAILED', 'Google said invalid_grant.')),
    });
    const page = await send(callback(r, `state=${STATE}&code=abc`));
    expect(page.status).toBe(502);
    expect(page.body).toContain('Google said invalid_grant.');
    expect((await rejection(r.result)).code).toBe('SIGN_IN_FAILED');
  });

  it('says how long it waited in words a person reads', () => {
    expect(timeoutMessage(5 * 60_000)).toBe(
      'No answer came from the browser within 5 min, so nothing was connected. Start the sign-in again.',
    );
    expect(timeoutMessage(100)).toMatch(/within 1 s,/);
  });

  it('times out when no callback comes, and closes', async () => {
    const r = await start({ timeoutMs: 100 });
    const error = await rejection(r.result);
    expect(error.code).toBe('SIGN_IN_TIMEOUT');
    expect(error.message).toBe(timeoutMessage(100));
    await r.closed;
    await expect(send(callback(r, `state=${STATE}&code=late`))).rejects.toThrow(/ECONNREFUSED/);
    expect(codes).toEqual([]);
  });

  it('can be cancelled, before or while waiting', async () => {
    const controller = new AbortController();
    const r = await start({ signal: controller.signal });
    controller.abort();
    expect((await rejection(r.result)).code).toBe('SIGN_IN_CANCELLED');
    await r.closed;

    const already = await start({ signal: AbortSignal.abort() });
    expect((await rejection(already.result)).code).toBe('SIGN_IN_CANCELLED');
    expect(codes).toEqual([]);
  });
});
