/**
 * CLI: `tsx tests/fake-google/main.ts --contacts 5000 --port 0 [--seed N] [--groups N]`.
 * Prints `FAKE_GOOGLE_URL=…` and `FAKE_GOOGLE_REFRESH_TOKEN=…` on stdout, then serves until
 * SIGINT/SIGTERM and exits 0.
 */
import { parseArgs } from 'node:util';
import { FakeGoogle } from './server.js';

function intOption(values: Record<string, string | undefined>, name: string, fallback: number) {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a non-negative integer, got ${raw}`);
    process.exit(2);
  }
  return n;
}

const { values } = parseArgs({
  options: {
    contacts: { type: 'string' },
    port: { type: 'string' },
    seed: { type: 'string' },
    groups: { type: 'string' },
    'client-id': { type: 'string' },
    'client-secret': { type: 'string' },
  },
  strict: true,
});

const fake = new FakeGoogle({
  contacts: intOption(values, 'contacts', 0),
  seed: intOption(values, 'seed', 1),
  groups: intOption(values, 'groups', 6),
  clientId: values['client-id'],
  clientSecret: values['client-secret'],
});
const url = await fake.start(intOption(values, 'port', 0));
process.stdout.write(`FAKE_GOOGLE_URL=${url}\nFAKE_GOOGLE_REFRESH_TOKEN=${fake.refreshToken}\n`);

let stopping = false;
const shutdown = (): void => {
  if (stopping) return;
  stopping = true;
  void fake.stop().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
