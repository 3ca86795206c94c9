/**
 * Starts `src/main/preview/demo.ts --preview` (fake Google, the real core, the preview server) in
 * a child process for an end-to-end test, with its own data folder, and stops it again.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface DemoOptions {
  /** Contacts the fake Google account holds at start (default 2500). */
  contacts?: number;
  /** No account connected at start: "Connect a Google account" signs in through the fake. */
  signedOut?: boolean;
  /** More `demo.ts` flags, e.g. `['--calendar']`. */
  extraArgs?: readonly string[];
  /** Added to the demo's environment (the log level is 'warn' unless given here). */
  env?: NodeJS.ProcessEnv;
  /** How long to wait for `PREVIEW_URL=` (the renderer is built first; default 60 s). */
  startTimeoutMs?: number;
}

export interface Demo {
  /** The app in preview mode: open it with `page.goto`. */
  previewUrl: string;
  /** The fake Google server; its control API is under `/__control` (see `control`). */
  fakeGoogleUrl: string;
  /** The app's data folder (contacts.db, tokens.json); deleted by `stop`. */
  dataDir: string;
  /** Everything the demo printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the first match of `pattern` in output printed after `since` (an offset). */
  waitForOutput(pattern: RegExp, options?: { since?: number; timeoutMs?: number }): Promise<string>;
  /** Calls the fake's control API, e.g. `control('POST', '/faults', { kind: 'status' })`. */
  control<T = unknown>(
    method: 'GET' | 'POST' | 'DELETE',
    route: string,
    body?: unknown,
  ): Promise<T>;
  /** Stops the demo (SIGTERM, so a run ends cleanly) and deletes its data folder. */
  stop(): Promise<void>;
}

export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-e2e-'));
  const args = [
    '--import',
    'tsx',
    'src/main/preview/demo.ts',
    '--preview',
    '--contacts',
    String(options.contacts ?? 2500),
    '--data',
    dataDir,
    ...(options.signedOut ? ['--signed-out'] : []),
    ...(options.extraArgs ?? []),
  ];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CONTACTS_SYNC_LOG_LEVEL: 'warn', ...options.env },
  });
  let output = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const waitForOutput = (
    pattern: RegExp,
    { since = 0, timeoutMs = 30_000 }: { since?: number; timeoutMs?: number } = {},
  ): Promise<string> =>
    new Promise((resolve, reject) => {
      const done = (finish: () => void) => {
        clearTimeout(timer);
        listeners.delete(check);
        child.off('exit', check);
        finish();
      };
      const check = () => {
        const match = pattern.exec(output.slice(since));
        if (match) done(() => resolve(match[1] ?? match[0]));
        else if (child.exitCode !== null) {
          done(() => reject(new Error(`demo exited with ${child.exitCode}:\n${output}`)));
        }
      };
      const timer = setTimeout(
        () => done(() => reject(new Error(`demo printed no ${String(pattern)}:\n${output}`))),
        timeoutMs,
      );
      listeners.add(check);
      child.once('exit', check);
      check();
    });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const timeoutMs = options.startTimeoutMs ?? 60_000;
    const fakeGoogleUrl = await waitForOutput(/FAKE_GOOGLE_URL=(\S+)/, { timeoutMs });
    const previewUrl = await waitForOutput(/PREVIEW_URL=(\S+)/, { timeoutMs });
    return {
      previewUrl,
      fakeGoogleUrl,
      dataDir,
      output: () => output,
      waitForOutput,
      control: (method, route, body) => control(fakeGoogleUrl, method, route, body),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function control<T>(
  baseUrl: string,
  method: string,
  route: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${baseUrl}/__control${route}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} /__control${route}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}
