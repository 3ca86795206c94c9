import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, resolveAsset } from '../../src/main/core/api/renderer-assets.js';
import { configureLogging } from '../../src/main/core/logger.js';
import {
  HIDDEN_ARG,
  loginItemSettings,
  QuitController,
  shouldStartHidden,
  type QuittableApp,
} from '../../src/main/shell/lifecycle.js';
import { appProtocolHandler } from '../../src/main/shell/protocol.js';
import type { PreventableEvent } from '../../src/main/shell/ports.js';
import { FakeEvent } from './shell-fakes.js';

// Shutdown failures below are expected; keep them out of the test output.
configureLogging({ sink: () => undefined });

class FakeApp implements QuittableApp {
  quits = 0;
  private listener: ((event: PreventableEvent) => void) | undefined;
  on(_event: 'before-quit', listener: (event: PreventableEvent) => void): this {
    this.listener = listener;
    return this;
  }
  /** Electron emits before-quit and quits unless it was prevented. */
  quit(): void {
    const event = new FakeEvent();
    this.listener?.(event);
    if (!event.prevented) this.quits++;
  }
}

describe('quit', () => {
  it('holds the first quit until shutdown finished, then quits once', async () => {
    const app = new FakeApp();
    let finish: () => void = () => undefined;
    let shutdowns = 0;
    const controller = new QuitController(app, () => {
      shutdowns++;
      return new Promise<void>((resolve) => (finish = resolve));
    });
    expect(controller.isQuitting).toBe(false);
    app.quit();
    app.quit();
    expect(controller.isQuitting).toBe(true);
    expect(app.quits).toBe(0);
    finish();
    await new Promise((resolve) => setImmediate(resolve));
    expect(shutdowns).toBe(1);
    expect(app.quits).toBe(1);
  });

  it('quits even when shutdown fails or hangs', async () => {
    const failing = new FakeApp();
    new QuitController(failing, () => Promise.reject(new Error('db busy')));
    failing.quit();
    const hanging = new FakeApp();
    new QuitController(hanging, () => new Promise(() => undefined), 5);
    hanging.quit();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect([failing.quits, hanging.quits]).toEqual([1, 1]);
  });

  it('starts hidden only when launched by the login item', () => {
    expect(loginItemSettings({ launchAtLogin: true, startHidden: true })).toEqual({
      openAtLogin: true,
      openAsHidden: true,
      args: [HIDDEN_ARG],
    });
    expect(loginItemSettings({ launchAtLogin: false, startHidden: false }).args).toEqual([]);
    expect(shouldStartHidden(['/usr/bin/app', HIDDEN_ARG])).toBe(true);
    expect(shouldStartHidden(['/usr/bin/app'])).toBe(false);
  });
});

describe('app:// protocol', () => {
  let root: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-renderer-'));
    fs.mkdirSync(path.join(root, 'assets'));
    fs.writeFileSync(path.join(root, 'index.html'), '<p>app</p>');
    fs.writeFileSync(path.join(root, 'assets', 'main.js'), 'export {}');
    fs.writeFileSync(path.join(root, '.env'), 'SECRET=1');
    fs.writeFileSync(path.join(path.dirname(root), 'outside.js'), 'secret');
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('serves the renderer with the CSP', async () => {
    const handle = appProtocolHandler(root);
    const page = await handle({ url: 'app://renderer/' });
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('<p>app</p>');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const script = await handle({ url: 'app://renderer/assets/main.js' });
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('serves nothing outside the renderer folder, no dotfiles, no other host', async () => {
    const handle = appProtocolHandler(root);
    for (const url of [
      'app://renderer/../outside.js',
      'app://renderer/%2e%2e/outside.js',
      'app://renderer/.env',
      'app://renderer/missing.js',
      'app://other/index.html',
    ]) {
      expect((await handle({ url })).status, url).toBe(404);
    }
    expect(resolveAsset(root, '/..%2foutside.js')).toBeNull();
    expect(resolveAsset(root, '/assets%5c..%5c..%5coutside.js')).toBeNull();
    expect(resolveAsset(root, '/%E0%A4%A')).toBeNull();
    expect(resolveAsset(root, '/index.html%00.js')).toBeNull();
  });
});
