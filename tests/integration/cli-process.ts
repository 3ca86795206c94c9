import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(ROOT, 'bin/contacts-sync.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function cliEnv(url: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    CONTACTS_SYNC_GOOGLE_URL: url,
    GOOGLE_CLIENT_ID: 'fake-client-id',
    GOOGLE_CLIENT_SECRET: 'fake-client-secret',
    ...extra,
  };
}

/**
 * The tests run the TypeScript sources (CONTACTS_SYNC_FROM_SOURCE), never a dist/ build that may
 * be older than them; cli-built.test.ts covers the build. `bin` runs another copy of the CLI.
 */
export function startCli(args: string[], env: NodeJS.ProcessEnv, bin = CLI): ChildProcess {
  return spawn(process.execPath, [bin, ...args], {
    env: bin === CLI ? { CONTACTS_SYNC_FROM_SOURCE: '1', ...env } : env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function runCli(args: string[], env: NodeJS.ProcessEnv, bin = CLI): Promise<CliResult> {
  const child = startCli(args, env, bin);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Polls until `condition` holds (a child process's progress is only visible by looking). */
export async function waitFor(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}
