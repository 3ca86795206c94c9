/**
 * The stand-in `app`: ready on the next turn, a real single-instance lock per userData folder
 * (a lock file plus a local socket that tells the first instance about the second), and quit
 * as Electron documents it: before-quit (preventable), every window closes (preventable),
 * will-quit, quit, then the process exits.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { App } from 'electron';
import { record } from './record.js';
import { allWindows } from './windows.js';

class PreventableEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

type AppSlice = Pick<
  App,
  | 'getPath'
  | 'setPath'
  | 'requestSingleInstanceLock'
  | 'whenReady'
  | 'isReady'
  | 'quit'
  | 'exit'
  | 'setLoginItemSettings'
  | 'isPackaged'
  | 'getVersion'
>;

class StandinApp extends EventEmitter implements AppSlice {
  readonly isPackaged = process.env['STANDIN_PACKAGED'] === '1';
  private readonly paths = new Map<string, string>([
    ['home', os.homedir()],
    ['documents', path.join(os.homedir(), 'Documents')],
    ['temp', os.tmpdir()],
  ]);
  private readonly ready: Promise<void>;
  private quitting = false;
  /** A second instance's message to the first must leave before this process exits. */
  private pending: Promise<void> = Promise.resolve();

  constructor() {
    super();
    // Electron always sets it: the packaged app's resources folder (here an empty one, as an app
    // packaged without a default sign-in client would have).
    const resources = fs.mkdtempSync(path.join(os.tmpdir(), 'standin-resources-'));
    Object.defineProperty(process, 'resourcesPath', { value: resources });
    process.once('exit', () => fs.rmSync(resources, { recursive: true, force: true }));
    this.ready = new Promise((resolve) =>
      setImmediate(() => {
        record.ready = true;
        this.emit('ready');
        resolve();
      }),
    );
  }

  getPath(name: Parameters<App['getPath']>[0]): string {
    const value = this.paths.get(name);
    if (!value) throw new Error(`Failed to get '${name}' path`);
    return value;
  }

  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }

  getVersion(): string {
    return '0.0.0-standin';
  }

  whenReady(): Promise<void> {
    return this.ready;
  }

  isReady(): boolean {
    return record.ready;
  }

  requestSingleInstanceLock(): boolean {
    const dir = this.getPath('userData');
    fs.mkdirSync(dir, { recursive: true });
    const lock = path.join(dir, 'SingletonLock');
    const socket = path.join(dir, 'SingletonSocket');
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
    } catch {
      record.singleInstanceLock = false;
      this.pending = new Promise((resolve) => {
        const client = net.connect(socket, () => client.end(JSON.stringify(process.argv)));
        client.on('close', () => resolve());
        client.on('error', () => resolve());
      });
      return false;
    }
    record.singleInstanceLock = true;
    const server = net.createServer((connection) => {
      connection.resume();
      connection.on('end', () => {
        record.secondInstances += 1;
        this.emit('second-instance', new PreventableEvent(), [], process.cwd(), null);
      });
    });
    server.listen(socket);
    server.unref();
    this.on('quit', () => {
      server.close();
      fs.rmSync(lock, { force: true });
    });
    return true;
  }

  setLoginItemSettings(settings: Parameters<App['setLoginItemSettings']>[0]): void {
    record.loginItemSettings.push(settings);
  }

  quit(): void {
    if (this.quitting) return;
    const beforeQuit = new PreventableEvent();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    for (const window of allWindows()) {
      if (!window.tryClose()) return;
    }
    this.quitting = true;
    const willQuit = new PreventableEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) {
      this.quitting = false;
      return;
    }
    this.emit('quit', new PreventableEvent(), 0);
    this.exit(0);
  }

  exit(exitCode = 0): void {
    record.exitCode = exitCode;
    void this.pending.finally(() => process.exit(exitCode));
  }
}

export const app = new StandinApp();
