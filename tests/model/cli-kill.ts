/**
 * A `contacts-sync sync` child process on the model's database, killed with SIGKILL once it has
 * asked Google for `afterRequests` contacts pages (or left alone if it finishes first). Pages are
 * slowed down so the kill lands mid-listing.
 */
import type fc from 'fast-check';
import { cliEnv, startCli } from '../integration/cli-process.js';
import { ModelFailure, type EngineSystem } from './engine-system.js';
import { judgedSync, type EngineModel } from './judged-sync.js';
import { recoverAfterKill } from './spec-adapter.js';

const KILL_WAIT_MS = 30_000;

export class KillCliSync implements fc.AsyncCommand<EngineModel, EngineSystem> {
  constructor(readonly afterRequests: number) {}
  check = () => true;

  async run(m: EngineModel, s: EngineSystem): Promise<void> {
    const { h } = s;
    m.tokenTrouble = null; // whether the child got to replace the tokens is not known
    // A fault injected before (a stall, say) may hold the child up past the wait: the CLI keeps
    // its own 30 s deadlines. It is then killed in the middle of that request, which is a case too.
    const faulted = m.disturbed;
    await judgedSync(m, s, { confirmed: false, disturbed: true }, async () => {
      const base = h.fake.requestCount('connections');
      h.fake.injectFault({ path: 'connections', kind: 'delay', delayMs: 40, count: 1000 });
      const child = startCli(
        ['--db', h.dbFile, 'sync'],
        cliEnv(h.url, { CONTACTS_SYNC_TOKENS: `${h.dir}/tokens.json` }),
      );
      let exited = false;
      const exit = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      void exit.then(() => (exited = true));
      const started = Date.now();
      while (!exited && h.fake.requestCount('connections') < base + this.afterRequests) {
        if (Date.now() - started > KILL_WAIT_MS) {
          if (faulted) break;
          child.kill('SIGKILL');
          throw new ModelFailure(`the CLI sync made no progress in ${KILL_WAIT_MS} ms`);
        }
        await new Promise((r) => setTimeout(r, 5));
      }
      child.kill('SIGKILL');
      await exit;
      h.fake.clearFaults();
      recoverAfterKill(h);
      return null;
    });
  }

  toString = () => `kill-cli-sync(after ${this.afterRequests} pages)`;
}
