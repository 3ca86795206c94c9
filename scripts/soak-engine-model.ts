/**
 * Long runs of the engine model (tests/model): `npm run soak -- --cases N [--seed S]
 * [--max-commands M] [--watchdog-ms W] [--time-limit-s T] [--without stall,rekey,refuse,mass,kill]
 * [--kill-weight K]`. Prints the cases, commands and syncs run, the time, and the first failure
 * with its seed and shrunk counterexample (fast-check stops at the first). `--time-limit-s` ends
 * the run after T seconds (shrinking included) and says how many cases it got through, so a long
 * soak always reports instead of running out the clock silently.
 * Exits 1 on a failure. Figures go to docs/RELIABILITY.md.
 */
import fc from 'fast-check';
import type { Omittable } from '../tests/model/commands.js';
import { runEngineModel } from '../tests/model/run-model.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} needs a whole number`);
  return value;
}

function listArg(name: string): string[] {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? '').split(',').filter(Boolean) : [];
}

const options = {
  seed: arg('seed', Date.now() % 2 ** 31),
  numRuns: arg('cases', 200),
  maxCommands: arg('max-commands', 25),
  watchdogMs: arg('watchdog-ms', 30_000),
  without: listArg('without') as Omittable[],
  killWeight: arg('kill-weight', 1),
  timeLimitMs: arg('time-limit-s', 0) * 1000,
};
const started = performance.now();
const { details, tally } = await runEngineModel(options);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `engine model: seed ${options.seed}, ${tally.cases} cases (incl. shrinking), ` +
    `${tally.commands} commands, ${tally.syncs} sync runs (${tally.kills} killed), ${seconds} s`,
);
if (details.failed) {
  console.log(fc.defaultReportMessage(details));
  console.log(`failure: ${String(details.errorInstance)}`);
  process.exitCode = 1;
} else if (details.interrupted) {
  console.log(`no failure in ${details.numRuns} cases before the time limit ended the run`);
} else {
  console.log(`no failure in ${details.numRuns} cases`);
}
