/**
 * Exports off the main thread (issue 15): the whole export runs on a worker thread over its own
 * read-only connection; the API still reports progress and refuses a second export; when no
 * thread can be had the export runs on the calling thread, as before.
 */
import fs from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Api } from '../../src/main/core/api/api.js';
import { systemClock } from '../../src/main/core/clock.js';
import { FileContactsExporter } from '../../src/main/core/export/exporter.js';
import { BACKGROUND_NICE } from '../../src/main/core/thread-priority.js';
import type { WorkerFactory } from '../../src/main/core/workers.js';
import type { ApiEvent, ExportResult } from '../../src/shared/api/contract.js';
import {
  countingFactory,
  failingAtStartFactory,
  refusingFactory,
  withWarnings,
} from '../support/refused-workers.js';
import { Harness } from './harness.js';

const CONTACTS = 1200;

let h: Harness;
let exporter: FileContactsExporter | undefined;
let api: Api | undefined;
let files = 0;

beforeEach(async () => {
  h = await Harness.start({ contacts: CONTACTS });
  await h.sync();
});

afterEach(async () => {
  api?.dispose();
  await exporter?.close();
  await h.close();
  api = exporter = undefined;
});

/** An API whose exporter starts its threads with `createWorker`; returns its events. */
function apiWith(createWorker: WorkerFactory): ApiEvent[] {
  exporter = new FileContactsExporter(
    h.db,
    async (name) => path.join(h.dir, `${files++}-${name}`),
    { createWorker },
  );
  api = new Api({
    db: h.db,
    clock: systemClock,
    orchestrator: h.orchestrator,
    reports: h.reports,
    exporter,
  });
  const events: ApiEvent[] = [];
  api.subscribe((event) => events.push(event));
  return events;
}

async function exportAll(format: 'vcard' | 'csv'): Promise<ExportResult> {
  const result = await api!.call('exportContacts', { format });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as ExportResult;
}

/** The nice value of each thread of this process (Linux /proc). */
function threadNiceValues(): number[] {
  return fs.readdirSync('/proc/self/task').map((task) => {
    const stat = fs.readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

function cardCount(file: string): number {
  const parsed = ICAL.parse(fs.readFileSync(file, 'utf8')) as unknown[];
  return typeof parsed[0] === 'string' ? 1 : parsed.length;
}

describe('an export on the worker thread', () => {
  it('writes every contact from its own connection, with progress ending at the total', async () => {
    const started: unknown[] = [];
    const events = apiWith(countingFactory(started));

    const result = await exportAll('vcard');

    expect(started).toHaveLength(1);
    // The thread yields the CPU to the main one, which answers the windows.
    expect(threadNiceValues()).toContain(BACKGROUND_NICE);
    expect(result.count).toBe(CONTACTS);
    expect(cardCount(result.file!)).toBe(CONTACTS);
    const progress = events.flatMap((e) => (e.name === 'exportProgress' ? [e.payload] : []));
    expect(progress[0]).toEqual({ format: 'vcard', done: 0, total: CONTACTS });
    expect(progress.at(-1)).toEqual({ format: 'vcard', done: CONTACTS, total: CONTACTS });
    expect(fs.readdirSync(h.dir).filter((f) => f.endsWith('.partial'))).toEqual([]);

    // The thread is reused for the next export, and a second one while it runs is refused.
    const [again, second] = await Promise.all([
      api!.call('exportContacts', { format: 'csv' }),
      api!.call('exportContacts', { format: 'vcard' }),
    ]);
    expect(again).toMatchObject({ ok: true, value: { count: CONTACTS } });
    expect(second).toMatchObject({ ok: false, error: { code: 'EXPORT_RUNNING' } });
    expect(started).toHaveLength(1);
  });

  it('says why a file cannot be written, as the in-thread export did', async () => {
    const started: unknown[] = [];
    exporter = new FileContactsExporter(h.db, async () => path.join(h.dir, 'missing', 'x.vcf'), {
      createWorker: countingFactory(started),
    });
    await expect(exporter.export({ format: 'vcard', includeDeleted: false })).rejects.toMatchObject(
      {
        code: 'INVALID_ARGUMENT',
        message: expect.stringMatching(/Cannot write the export .* Choose another folder/),
      },
    );
    expect(started).toHaveLength(1);
  });

  it.each([
    ['refuses the thread (EAGAIN, thrown by new Worker)', refusingFactory],
    ['fails before it is online', failingAtStartFactory],
  ])('exports on the calling thread, with a warning, when the system %s', async (_, factory) => {
    await withWarnings(async (warnings) => {
      const events = apiWith(factory);

      const result = await exportAll('vcard');

      expect(result.count).toBe(CONTACTS);
      expect(cardCount(result.file!)).toBe(CONTACTS);
      expect(events.some((e) => e.name === 'exportProgress')).toBe(true);
      expect(warnings.join('\n')).toMatch(/WARN \[export\].*export runs on the main thread/);
    });
  });
});
