/**
 * The engine model as a fast-check property: each case starts a fresh fake Google and database,
 * imports the address book, runs a random command sequence (commands.ts) checking the invariants
 * at every sync, then syncs once more with confirmation and without faults and requires the
 * mirror to equal Google. Shared by the integration test and the soak script.
 */
import fc from 'fast-check';
import { engineCommands, initialModel, type Omittable } from './commands.js';
import { EngineSystem, ModelFailure } from './engine-system.js';
import { checkMirrorEquals, checkStorage } from './invariants.js';
import { CONFIRMED } from './spec-adapter.js';

export interface EngineModelOptions {
  seed: number;
  numRuns: number;
  maxCommands: number;
  watchdogMs: number;
  /** Stop (shrinking included) after this long; the failure found so far is still reported. */
  timeLimitMs?: number;
  /** Commands left out (fault kinds, re-keys, refused tokens, mass deletions). */
  without?: readonly Omittable[];
  /** Weight of the SIGKILL command among the others (default 1). */
  killWeight?: number;
}

export interface CaseTally {
  cases: number;
  /** Runs a killed CLI process left behind (recorded as interrupted). */
  kills: number;
  commands: number;
  syncs: number;
}

export function engineModelProperty(options: EngineModelOptions, tally: CaseTally) {
  const setup = fc.record({
    contacts: fc.integer({ min: 25, max: 70 }),
    pageSize: fc.constantFrom(7, 10, 16),
    seed: fc.integer({ min: 1, max: 1000 }),
  });
  const commands = fc.commands(engineCommands(options.without, options.killWeight), {
    size: 'medium',
    maxCommands: options.maxCommands,
  });
  return fc.asyncProperty(setup, commands, async (config, cmds) => {
    tally.cases++;
    const sys = await EngineSystem.start({ ...config, watchdogMs: options.watchdogMs });
    try {
      const first = await sys.sync(CONFIRMED);
      if (first.status !== 'success') throw new ModelFailure(`first import ${first.status}`);
      const model = initialModel();
      await fc.asyncModelRun(() => ({ model, real: sys }), cmds);
      tally.commands += [...cmds].length;
      sys.h.fake.clearFaults(); // faults injected after the last sync of the sequence
      // A full listing resumed from an earlier run saw Google at two moments; the engine keeps no
      // sync token from it, so the next run lists everything once more (DESIGN §5, resume). The
      // mirror is exact after that one.
      const resumes = sys.resumesListing();
      let last = await sys.sync(CONFIRMED);
      if (resumes && last.status === 'success') last = await sys.sync(CONFIRMED);
      if (last.status !== 'success') {
        throw new ModelFailure(
          `the final confirmed sync without faults ended ${last.status}: ` +
            `${last.error?.code ?? ''} ${last.error?.message ?? ''}`,
        );
      }
      checkStorage(sys);
      checkMirrorEquals(sys);
    } finally {
      const count = (where: string) =>
        sys.h.db.prepare(`SELECT count(*) FROM sync_runs ${where}`).pluck().get() as number;
      tally.syncs += count('');
      tally.kills += count(`WHERE error_code = 'INTERRUPTED'`);
      await sys.close();
    }
  });
}

export async function runEngineModel(options: EngineModelOptions) {
  const tally: CaseTally = { cases: 0, kills: 0, commands: 0, syncs: 0 };
  const details = await fc.check(engineModelProperty(options, tally), {
    seed: options.seed,
    numRuns: options.numRuns,
    ...(options.timeLimitMs ? { interruptAfterTimeLimit: options.timeLimitMs } : {}),
  });
  return { details, tally };
}
