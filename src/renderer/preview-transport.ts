/**
 * Preview mode's `window.api` transport: the same calls and events as Electron IPC, over the
 * preview server's WebSocket (DESIGN §1). The access token comes from the page's own URL.
 */
import {
  isApiEventName,
  type ApiEventName,
  type ApiResult,
  type ApiTransport,
} from '../shared/api/contract.js';

type Listener = (payload: unknown) => void;

const disconnected: ApiResult<never> = {
  ok: false,
  error: { code: 'DISCONNECTED', message: 'Lost the connection to the app. Reload the page.' },
};

interface Frame {
  id?: unknown;
  result?: unknown;
  event?: unknown;
  payload?: unknown;
}

function parseFrame(data: unknown): Frame | null {
  if (typeof data !== 'string') return null;
  try {
    const frame: unknown = JSON.parse(data);
    return typeof frame === 'object' && frame !== null ? (frame as Frame) : null;
  } catch {
    return null;
  }
}

export function createPreviewTransport(location: Location): ApiTransport {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(
    `${scheme}://${location.host}/api?token=${encodeURIComponent(token)}`,
  );
  const pending = new Map<number, (result: ApiResult<unknown>) => void>();
  const listeners = new Map<ApiEventName, Set<Listener>>();
  const queued: string[] = [];
  let nextId = 1;
  let closed = false;

  socket.addEventListener('open', () => {
    for (const frame of queued.splice(0)) socket.send(frame);
  });
  socket.addEventListener('close', () => {
    closed = true;
    for (const resolve of pending.values()) resolve(disconnected);
    pending.clear();
  });
  socket.addEventListener('message', (message: MessageEvent<unknown>) => {
    const frame = parseFrame(message.data);
    if (!frame) return;
    if (typeof frame.id === 'number') {
      pending.get(frame.id)?.(frame.result as ApiResult<unknown>);
      pending.delete(frame.id);
    } else if (isApiEventName(frame.event)) {
      for (const listener of listeners.get(frame.event) ?? []) listener(frame.payload);
    }
  });

  return {
    invoke(method, request) {
      if (closed) return Promise.resolve(disconnected);
      return new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        const frame = JSON.stringify({ id, method, params: request });
        if (socket.readyState === WebSocket.OPEN) socket.send(frame);
        else queued.push(frame);
      });
    },
    listen(event, callback) {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      set.add(callback);
      return () => set.delete(callback);
    },
  };
}
