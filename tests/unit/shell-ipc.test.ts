import { describe, expect, it } from 'vitest';
import { configureLogging } from '../../src/main/core/logger.js';
import { API_METHODS, eventChannel, methodChannel } from '../../src/shared/api/contract.js';
import { IpcBridge, isTrustedSender } from '../../src/main/shell/ipc.js';
import { createIpcApi } from '../../src/main/shell/preload-api.js';
import { progress } from './api-fixtures.js';
import {
  FakeEndpoint,
  FakeIpcMain,
  FakeIpcRenderer,
  FakeWebContents,
  ipcEvent,
} from './shell-fakes.js';

// The refusals below are logged as warnings; keep the test output readable.
configureLogging({ level: 'error' });

function setup() {
  const ipcMain = new FakeIpcMain();
  const endpoint = new FakeEndpoint();
  const ours = new FakeWebContents(7);
  const windows: FakeWebContents[] = [ours];
  const bridge = new IpcBridge({ ipcMain, endpoint, windows: () => windows });
  return { ipcMain, endpoint, ours, windows, bridge };
}

describe('IPC bridge', () => {
  it('registers one handler per contract call', () => {
    const { ipcMain } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(API_METHODS.map(methodChannel).sort());
  });

  it("passes our window's requests to the handler table", async () => {
    const { ipcMain, endpoint, ours } = setup();
    const result = await ipcMain.invoke(methodChannel('syncNow'), ipcEvent(ours), { full: true });
    expect(result).toEqual({ ok: true, value: { echo: 'syncNow' } });
    expect(endpoint.calls).toEqual([{ method: 'syncNow', payload: { full: true } }]);
  });

  it('refuses any other sender without calling the handler table', async () => {
    const { ipcMain, endpoint, ours } = setup();
    const strangers = [
      ipcEvent(new FakeWebContents(8)),
      ipcEvent(ours, 'https://evil.example/'),
      ipcEvent(ours, 'file:///etc/passwd'),
      ipcEvent(ours, 'app://renderer/index.html', { url: 'app://renderer/' }),
      { sender: { id: ours.id }, senderFrame: null },
    ];
    for (const event of strangers) {
      const result = await ipcMain.invoke(methodChannel('clearHistory'), event, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    }
    expect(endpoint.calls).toEqual([]);
  });

  it('sends every event to every live window, skipping destroyed ones', () => {
    const { endpoint, ours, windows } = setup();
    const second = new FakeWebContents(9);
    const gone = new FakeWebContents(10);
    gone.destroyed = true;
    windows.push(second, gone);
    endpoint.emit({ name: 'syncProgress', payload: progress() });
    for (const contents of [ours, second]) {
      expect(contents.sent).toEqual([
        { channel: eventChannel('syncProgress'), args: [progress()] },
      ]);
    }
    expect(gone.sent).toEqual([]);
  });

  it('undoes its registration on dispose', () => {
    const { ipcMain, endpoint, ours, bridge } = setup();
    bridge.dispose();
    expect(ipcMain.handlers.size).toBe(0);
    expect(endpoint.subscriberCount).toBe(0);
    endpoint.emit({ name: 'accountsChanged', payload: [] });
    expect(ours.sent).toEqual([]);
  });

  it('checks the sender by id, frame and origin', () => {
    const ours = (id: number) => id === 1;
    expect(isTrustedSender(ipcEvent({ id: 1 }), ours)).toBe(true);
    expect(isTrustedSender(ipcEvent({ id: 1 }, 'app://other/index.html'), ours)).toBe(false);
    expect(isTrustedSender(ipcEvent({ id: 2 }), ours)).toBe(false);
  });
});

describe('preload window.api', () => {
  it('invokes the channel of each verb with the request', async () => {
    const ipc = new FakeIpcRenderer();
    const api = createIpcApi(ipc);
    await api.getContact({ accountId: 1, resourceName: 'people/c1' });
    await api.getStatus();
    expect(ipc.invoked).toEqual([
      { channel: methodChannel('getContact'), args: [{ accountId: 1, resourceName: 'people/c1' }] },
      { channel: methodChannel('getStatus'), args: [{}] },
    ]);
  });

  it('hands listeners the payload only, never the IPC event, and unsubscribes', () => {
    const ipc = new FakeIpcRenderer();
    const api = createIpcApi(ipc);
    const received: unknown[][] = [];
    const unsubscribe = api.onRunFinished((...args: unknown[]) => received.push(args));
    const ipcEventObject = { sender: { send: () => undefined } };
    ipc.listeners.emit(eventChannel('runFinished'), ipcEventObject, { runId: 3 });
    expect(received).toEqual([[{ runId: 3 }]]);
    unsubscribe();
    expect(ipc.listeners.count(eventChannel('runFinished'))).toBe(0);
  });
});
