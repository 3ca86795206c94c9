/**
 * `npm run preview -- [--port P] [--skip-build]`: builds the renderer and serves the app to a
 * normal browser on 127.0.0.1, printing `PREVIEW_URL=…` (with its access token). Uses
 * CONTACTS_SYNC_DB, CONTACTS_SYNC_TOKENS, CONTACTS_SYNC_GOOGLE_URL and GOOGLE_CLIENT_ID/SECRET
 * like the CLI.
 */
import { parseArgs } from 'node:util';
import { startPreviewApp } from './app.js';
import { buildRenderer } from './build-renderer.js';
import { announce, closeOnSignal, fail, parsePort } from './process.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, 'skip-build': { type: 'boolean', default: false } },
  });
  const port = parsePort(values.port);
  if (!values['skip-build']) await buildRenderer();
  const app = await startPreviewApp({ port });
  announce(app);
  closeOnSignal(() => app.close());
}

await main().catch(fail('preview'));
