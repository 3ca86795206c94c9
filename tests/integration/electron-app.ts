/**
 * Runs the built composition root (dist/main/index.js) under plain Node with the stand-in
 * `electron` module of tests/electron-standin/, and drives it over the child-process IPC
 * channel as Electron and the person would.
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Command, Reply, Snapshot } from '../electron-standin/driver-protocol.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const APP_ENTRY = path.join(ROOT, 'dist/main/index.js');

/** `npm run build` (the app as Electron runs it) and the stand-in, built into `dir`. */
export async function buildAppAndStandin(dir: string): Promise<void> {
  const built = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`npm run build failed:\n${built.stderr}`);
  await build({
    entryPoints: ['electron', 'hooks', 'register'].map((name) =>
      path.join(ROOT, 'tests/electron-standin', `${name}.ts`),
    ),
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
}

export interface LaunchOptions {
  standinDir: string;
  /** XDG_CONFIG_HOME: the data folder is `<configHome>/Contacts Sync Agent`. */
  configHome: string;
  env?: Record<string, string>;
  args?: string[];
}

export function dataDirOf(configHome: string): string {
  return path.join(configHome, 'Contacts Sync Agent');
}

export class StandinApp {
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: Reply) => void>();
  readonly exited: Promise<number | null>;
  stderr = '';

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (reply: Reply) => {
      this.waiting.get(reply.id)?.(reply);
      this.waiting.delete(reply.id);
    });
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    // A request the app could not answer before it exited fails instead of waiting forever.
    child.on('exit', () => {
      for (const [id, answer] of this.waiting) {
        answer({ id, ok: false, error: `the app has exited:\n${this.stderr}` });
      }
      this.waiting.clear();
    });
  }

  static launch(options: LaunchOptions): StandinApp {
    const child = fork(APP_ENTRY, options.args ?? [], {
      execArgv: ['--expose-gc', '--import', path.join(options.standinDir, 'register.mjs')],
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: os.homedir(),
        XDG_CONFIG_HOME: options.configHome,
        ...options.env,
      },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    return new StandinApp(child);
  }

  request<T = unknown>(command: Command): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (!this.child.connected) {
        reject(new Error(`the app has exited:\n${this.stderr}`));
        return;
      }
      this.waiting.set(id, (reply) =>
        reply.ok ? resolve(reply.value as T) : reject(new Error(reply.error)),
      );
      this.child.send({ ...command, id }, (error) => {
        if (error) reject(error);
      });
    });
  }

  snapshot(): Promise<Snapshot> {
    return this.request<Snapshot>({ cmd: 'snapshot' });
  }

  /** Polls the app's state until `ready` holds (or fails with the last state seen). */
  async waitFor(ready: (state: Snapshot) => boolean, what: string): Promise<Snapshot> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const state = await this.snapshot();
      if (ready(state)) return state;
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${what}: ${JSON.stringify(state)}\n${this.stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Leaves no process behind, whatever the test did. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
    await this.exited;
  }
}

export function tempConfigHome(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'csa-electron-'));
}
