/**
 * IPC fuzz: random and malformed payloads for every call, through the Electron transport (the IPC
 * bridge on a fake ipcMain) into the real handler table over a real database. Every one must come
 * back as an error result; nothing may throw, reach Google, or change the database.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { API_METHODS, methodChannel, type ApiResult } from '../../src/shared/api/contract.js';
import { REQUEST_SCHEMAS } from '../../src/shared/api/schemas.js';
import { Api } from '../../src/main/core/api/api.js';
import { systemClock } from '../../src/main/core/clock.js';
import type { Db } from '../../src/main/core/db/connection.js';
import { IpcBridge } from '../../src/main/shell/ipc.js';
import { FakeIpcMain, FakeWebContents, ipcEvent } from '../unit/shell-fakes.js';
import { Harness } from './harness.js';
import { mulberry32 } from '../fake-google/prng.js';

const PAYLOADS = 10_000;
/** Planted in every generated string value: no error message may echo it back. */
const MARKER = 'FUZZ-SECRET-7f3a';

class Fuzzer {
  constructor(private readonly random: () => number) {}

  int(n: number): number {
    return Math.floor(this.random() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  string(): string {
    const pieces = [
      '',
      MARKER,
      'people/c1',
      '02:00',
      'ada@example.com',
      '\u0000',
      '💥',
      'ü',
      "'; DROP TABLE contacts; --",
    ];
    return this.pick(pieces) + (this.int(20) === 0 ? 'x'.repeat(200_000) : this.pick(pieces));
  }

  primitive(): unknown {
    return this.pick<() => unknown>([
      () => this.int(2 ** 31) - 2 ** 30,
      () => this.pick([NaN, Infinity, -Infinity, -0, 1e308, Number.MAX_SAFE_INTEGER + 2, 0.5]),
      () => this.string(),
      () => this.random() < 0.5,
      () => null,
      () => BigInt(this.int(1000)),
      () => Symbol('fuzz'),
      () => () => MARKER,
      () => new Date(),
    ])();
  }

  /** Any value, possibly nested. */
  value(depth = 0): unknown {
    if (depth > 3 || this.random() < 0.5) return this.primitive();
    if (this.random() < 0.5)
      return Array.from({ length: this.int(4) }, () => this.value(depth + 1));
    return Object.fromEntries(
      Array.from({ length: this.int(4) }, () => [
        this.string().slice(0, 20),
        this.value(depth + 1),
      ]),
    );
  }

  /** A value no field of any request accepts: every field is a primitive, never null. */
  wrongForEveryField(): unknown {
    return this.pick<() => unknown>([
      () => null,
      () => [],
      () => ({ nested: this.value() }),
      () => [this.value()],
    ])();
  }

  /** A payload that is invalid for `schema`, in one of several ways. */
  payload(schema: z.ZodObject): unknown {
    const known = Object.keys(schema.shape);
    const kind = this.int(6);
    if (kind === 0) return this.primitive();
    if (kind === 1) return Array.from({ length: this.int(5) }, () => this.value());
    if (kind === 2 && known.length > 0) {
      // Known fields, each with a value of a type no field accepts.
      const keys = known.filter(() => this.random() < 0.6);
      if (keys.length === 0) keys.push(this.pick(known));
      return Object.fromEntries(keys.map((k) => [k, this.wrongForEveryField()]));
    }
    if (kind === 3) return this.hostile();
    // Plausible fields plus one the schema does not have.
    const base = Object.fromEntries(
      known.filter(() => this.random() < 0.5).map((k) => [k, this.value()]),
    );
    return { ...base, [`unknown_${this.int(1000)}`]: this.value() };
  }

  /** Objects that fight back when read. */
  hostile(): unknown {
    return this.pick<() => unknown>([
      () =>
        JSON.parse(
          '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}',
        ),
      () =>
        Object.defineProperty({}, 'accountId', {
          enumerable: true,
          get() {
            throw new Error(MARKER);
          },
        }),
      () =>
        new Proxy(
          {},
          {
            ownKeys() {
              throw new Error(MARKER);
            },
            get() {
              throw new Error(MARKER);
            },
          },
        ),
      () => {
        const cyclic: Record<string, unknown> = {};
        cyclic['self'] = cyclic;
        return cyclic;
      },
      () => {
        let deep: unknown = [];
        for (let i = 0; i < 10_000; i++) deep = [deep];
        return { text: deep };
      },
    ])();
  }
}

/** Every row of every table, hashed: equal digests mean an untouched database. */
function digest(db: Db): string {
  const hash = createHash('sha256');
  const tables = db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'contacts_fts%' ORDER BY name",
    )
    .all();
  for (const { name } of tables) {
    hash.update(name);
    hash.update(JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).raw().all()));
  }
  return hash.digest('hex');
}

let h: Harness;
let api: Api;
let ipcMain: FakeIpcMain;
let window: FakeWebContents;

beforeAll(async () => {
  h = await Harness.start({ contacts: 200 });
  await h.sync();
  api = new Api({ db: h.db, clock: systemClock, orchestrator: h.orchestrator, reports: h.reports });
  ipcMain = new FakeIpcMain();
  window = new FakeWebContents(1);
  new IpcBridge({ ipcMain, endpoint: api, windows: () => [window] });
});

afterAll(async () => {
  api.dispose();
  await h.close();
});

describe('IPC fuzz', () => {
  it(`answers ${PAYLOADS.toLocaleString('en')} malformed payloads with errors only`, async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const before = digest(h.db);
    const changesBefore = h.db.prepare('SELECT total_changes() AS n').get();
    h.fake.resetCounts();
    const fuzz = new Fuzzer(mulberry32(20260310));
    const codes = new Map<string, number>();
    try {
      for (let i = 0; i < PAYLOADS; i++) {
        const method = API_METHODS[i % API_METHODS.length]!;
        const payload = fuzz.payload(REQUEST_SCHEMAS[method]);
        const extra = fuzz.int(10) === 0 ? [fuzz.value()] : [];
        const result = (await ipcMain.invoke(
          methodChannel(method),
          ipcEvent(window),
          payload,
          ...extra,
        )) as ApiResult<unknown>;
        if (result.ok) throw new Error(`${method} accepted payload #${i}`);
        codes.set(result.error.code, (codes.get(result.error.code) ?? 0) + 1);
        expect(result.error.message).not.toContain(MARKER);
        expect(result.error.message.length).toBeLessThan(400);
      }
      // Names that are not calls, straight into the handler table (the WebSocket's path).
      for (const name of [
        '__proto__',
        'constructor',
        'toString',
        '',
        'syncnow',
        42,
        null,
        {},
        [],
        MARKER,
      ]) {
        expect(await api.call(name, {})).toMatchObject({
          ok: false,
          error: { code: 'UNKNOWN_METHOD' },
        });
      }
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect([...codes.keys()]).toEqual(['INVALID_ARGUMENT']);
    expect(unhandled).toEqual([]);
    expect(digest(h.db)).toBe(before);
    expect(h.db.prepare('SELECT total_changes() AS n').get()).toEqual(changesBefore);
    expect(h.fake.requestCount()).toBe(0);
    expect(h.orchestrator.isRunning(h.accountId)).toBe(false);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    // Still up and serving.
    expect(
      await ipcMain.invoke(methodChannel('getStatistics'), ipcEvent(window), {}),
    ).toMatchObject({
      ok: true,
      value: { contacts: { active: 200 } },
    });
  });
});
