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
import type { ApiEventName, ApiMethod, ApiResult } from '../../src/shared/api/contract.js';
import { eventChannel, methodChannel } from '../../src/shared/api/contract.js';
import { createSignInClient } from '../../src/main/core/auth/sign-in-client.js';
import { FileTokenVault } from '../../src/main/core/auth/token-vault.js';
import { ConfSettingsStore } from '../../src/main/core/settings/conf-store.js';
import { SettingsService } from '../../src/main/core/settings/settings-service.js';
import { AccountsRepo } from '../../src/main/core/db/accounts-repo.js';
import { openDatabase } from '../../src/main/core/db/connection.js';
import type { Command, Reply, Snapshot } from '../electron-standin/driver-protocol.js';
import { FakeGoogle } from '../fake-google/server.js';
import { FAKE_CREDENTIALS } from './harness.js';

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

export const FIXTURE_EMAIL = 'me@example.com';

export interface LaunchExtras {
  args?: string[];
  env?: Record<string, string>;
}

/** The built app and stand-in, the fake Google, and every data folder and process a test made. */
export class ElectronAppFixture {
  private readonly apps: StandinApp[] = [];
  private readonly homes: string[] = [];

  private constructor(
    readonly standinDir: string,
    readonly fake: FakeGoogle,
    readonly googleUrl: string,
  ) {}

  static async start(): Promise<ElectronAppFixture> {
    const standinDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-standin-'));
    await buildAppAndStandin(standinDir);
    const fake = new FakeGoogle({ contacts: 25, email: FIXTURE_EMAIL });
    return new ElectronAppFixture(standinDir, fake, await fake.start());
  }

  /**
   * A config home whose data folder has the sign-in client a person imported (ID in settings.json,
   * secret in the vault), so the app runs without GOOGLE_CLIENT_ID/SECRET, as from a launcher.
   */
  emptyHome(profile?: string): string {
    const home = tempConfigHome();
    this.homes.push(home);
    const dataDir = profile ? path.join(home, profile) : dataDirOf(home);
    fs.mkdirSync(dataDir, { recursive: true });
    const settings = new SettingsService(
      new ConfSettingsStore(path.join(dataDir, 'settings.json')),
    );
    const vault = new FileTokenVault(path.join(dataDir, 'tokens.json'));
    const env = { CONTACTS_SYNC_GOOGLE_URL: this.googleUrl };
    createSignInClient({ settings, vault, env }).set({ ...FAKE_CREDENTIALS });
    return home;
  }

  /** A data folder with one account signed in to the fake (tokens in the development vault). */
  seededHome(profile?: string): string {
    const home = this.emptyHome(profile);
    const dataDir = profile ? path.join(home, profile) : dataDirOf(home);
    const db = openDatabase(path.join(dataDir, 'contacts.db'));
    new AccountsRepo(db).upsert(FIXTURE_EMAIL, 'Me', new Date().toISOString());
    db.close();
    new FileTokenVault(path.join(dataDir, 'tokens.json')).set(FIXTURE_EMAIL, {
      refreshToken: this.fake.refreshToken,
    });
    return home;
  }

  launch(configHome: string, options: LaunchExtras = {}): StandinApp {
    const app = StandinApp.launch({
      standinDir: this.standinDir,
      configHome,
      ...(options.args ? { args: options.args } : {}),
      env: {
        CONTACTS_SYNC_GOOGLE_URL: this.googleUrl,
        ...options.env,
      },
    });
    this.apps.push(app);
    return app;
  }

  async cleanUp(): Promise<void> {
    await Promise.all(this.apps.splice(0).map((app) => app.kill()));
    this.fake.clearFaults();
  }

  async stop(): Promise<void> {
    await this.cleanUp();
    await this.fake.stop();
    for (const dir of [this.standinDir, ...this.homes]) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

export const started = (app: StandinApp): Promise<Snapshot> =>
  app.waitFor((s) => s.tray !== null && s.windows.length === 1, 'the window and tray');

/** The exit code of an app that gives up at start, or 'started' for one that runs. */
export function exitedOrStarted(app: StandinApp): Promise<number | null | 'started'> {
  // Polling fails once the process is gone; its exit code is the answer then.
  return started(app).then(
    () => 'started' as const,
    () => app.exited,
  );
}

/** An API call as the renderer makes it, through the window's IPC handler. */
export async function invoke<T>(
  app: StandinApp,
  method: ApiMethod,
  payload: unknown = {},
): Promise<T> {
  const result = await app.request<ApiResult<T>>({
    cmd: 'invoke',
    channel: methodChannel(method),
    payload,
  });
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** How many `event`s the window's web contents has been sent. */
export function sentCount(state: Snapshot, event: ApiEventName): number {
  return state.windows[0]?.sent.filter((channel) => channel === eventChannel(event)).length ?? 0;
}
