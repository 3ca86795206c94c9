#!/usr/bin/env node
// Starts the built command line (dist/main/cli.js: `npm ci` builds it through the `prepare`
// script, `npm run build:cli` rebuilds it). CONTACTS_SYNC_FROM_SOURCE=1 runs the TypeScript
// sources through tsx instead, for development and the tests.
import { existsSync } from 'node:fs';

const built = new URL('../dist/main/cli.js', import.meta.url);
if (!process.env.CONTACTS_SYNC_FROM_SOURCE && existsSync(built)) {
  await import(built.href);
} else {
  let tsx;
  try {
    tsx = await import('tsx/esm/api');
  } catch {
    process.stderr.write('contacts-sync is not built yet: run `npm run build:cli` first.\n');
    process.exit(1);
  }
  tsx.register();
  await import('../src/main/cli.ts');
}
