import { afterEach, describe, expect, it } from 'vitest';
import { MESSY, messyResourceName, type MessyKind } from '../fake-google/data.js';
import { WorkerDecoder } from '../../src/main/core/google/page-decoder.js';
import { newWorker } from '../../src/main/core/workers.js';
import { Harness } from './harness.js';
import {
  failingAtStartFactory,
  refusingFactory,
  withWarnings,
} from '../support/refused-workers.js';

// Every other integration test reads pages through the harness's shared WorkerDecoder too; these
// check that the worker really does the reading, and what happens when it cannot.

let h: Harness;
let decoder: WorkerDecoder;
afterEach(async () => {
  await h?.close();
  await decoder?.close();
});

/** The stored raw Person of each messy contact, to compare with the server's. */
function messyRaw(harness: Harness): Map<MessyKind, unknown> {
  const local = new Map(harness.contacts().map((c) => [c.resourceName, c.raw]));
  return new Map(
    (Object.keys(MESSY) as MessyKind[]).map((kind) => [
      kind,
      JSON.parse(local.get(messyResourceName(kind)) ?? 'null'),
    ]),
  );
}

async function expectExactMirror(harness: Harness): Promise<void> {
  expect(harness.localState()).toEqual(harness.serverState());
  for (const [kind, stored] of messyRaw(harness)) {
    expect(stored, kind).toEqual(harness.fake.getContact(messyResourceName(kind)));
  }
}

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 5_000) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('reading contacts pages on a worker thread', () => {
  it('reads every page there, messy contacts exactly', async () => {
    decoder = new WorkerDecoder();
    h = await Harness.start({ contacts: 3_500, decoder });

    const run = await h.sync();

    expect(run.status).toBe('success');
    expect(decoder.pagesOnWorker).toBe(4);
    await expectExactMirror(h);
  });

  it('reads small pages on the main thread, never starting the worker for them', async () => {
    // A no-change or few-change sync (the CLI under cron) should not pay for a thread.
    let started = 0;
    decoder = new WorkerDecoder({
      createWorker: (script, options) => (started++, newWorker(script, options)),
    });
    h = await Harness.start({ contacts: 5, decoder });

    const first = await h.sync();
    for (const person of h.fake.listContacts().slice(0, 2))
      h.fake.updateContact(person.resourceName!, { nicknames: [{ value: 'Changed' }] });
    const second = await h.sync();

    expect([first.status, second.status]).toEqual(['success', 'success']);
    expect(second.counts.updated).toBe(2);
    expect(started).toBe(0);
    expect(decoder.pagesOnWorker).toBe(0);
    expect(h.localState()).toEqual(h.serverState());
  });

  it('stops the worker when idle and starts it again for the next sync', async () => {
    decoder = new WorkerDecoder({ idleMs: 50 });
    h = await Harness.start({ contacts: 1_500, decoder });

    await h.sync();
    expect(decoder.pagesOnWorker).toBe(2);
    await waitUntil(() => !decoder.running);
    h.fake.addContacts(5);
    const run = await h.sync({ forceFull: true });

    expect(run.status).toBe('success');
    expect(decoder.pagesOnWorker).toBe(4);
    await expectExactMirror(h);
  });

  it('reads pages on the main thread when the worker cannot start', async () => {
    decoder = new WorkerDecoder({
      entry: { script: new URL('./no-such-worker.js', import.meta.url) },
    });
    h = await Harness.start({ contacts: 2_500, decoder });

    const run = await h.sync();

    expect(run.status).toBe('success');
    expect(decoder.pagesOnWorker).toBe(0);
    await expectExactMirror(h);
  });

  it('reads the pages it was given on the main thread when the worker dies', async () => {
    // A worker that exits as soon as it is asked for a page.
    decoder = new WorkerDecoder({
      entry: {
        script: `require('node:worker_threads').parentPort.on('message', () => process.exit(3));`,
        eval: true,
      },
    });
    h = await Harness.start({ contacts: 2_500, decoder });

    const run = await h.sync();

    expect(run.status).toBe('success');
    expect(run.counts.created).toBe(2_500);
    await expectExactMirror(h);
  });

  it.each([
    ['refuses the thread (EAGAIN, thrown by new Worker)', refusingFactory],
    ['fails before it is online', failingAtStartFactory],
  ])(
    'reads pages on the main thread, with a warning, when the system %s',
    async (_name, factory) => {
      await withWarnings(async (warnings) => {
        decoder = new WorkerDecoder({ createWorker: factory });
        h = await Harness.start({ contacts: 2_500, decoder });

        const run = await h.sync();

        expect(run.status).toBe('success');
        expect(decoder.pagesOnWorker).toBe(0);
        await expectExactMirror(h);
        expect(warnings.join('\n')).toMatch(/WARN \[google\].*main thread/);
      });
    },
  );
});
