/**
 * Composition root of preview mode: the real core (database, sign-in, settings, policies,
 * orchestrator, handler table) behind the preview server instead of Electron. Tokens live in the
 * CLI's file vault here, as the OS keychain belongs to the desktop app; there is no background
 * schedule (a preview syncs when asked, so tests stay deterministic).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCoreServices } from '../core/api/services.js';
import { DEFAULT_CLIENT_FILE } from '../core/auth/sign-in-client.js';
import { FileTokenVault } from '../core/auth/token-vault.js';
import { resolveDatabasePath, resolveTokenFile } from '../core/paths.js';
import { exportsFolderOf } from '../core/export/exports-folder.js';
import { readPhoto } from '../core/photos/serve-photo.js';
import { PreviewServer } from './server.js';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const RENDERER_DIR = path.join(PROJECT_ROOT, 'dist', 'renderer');

export interface PreviewApp {
  url: string;
  close(): Promise<void>;
}

export interface PreviewAppOptions {
  port?: number;
  rendererDir?: string;
  /** Defaults to the process environment (CONTACTS_SYNC_DB, CONTACTS_SYNC_GOOGLE_URL, …). */
  env?: NodeJS.ProcessEnv;
}

export async function startPreviewApp(options: PreviewAppOptions = {}): Promise<PreviewApp> {
  const env = options.env ?? process.env;
  const databasePath = resolveDatabasePath(undefined, env);
  const downloadsDir = exportsFolderOf(databasePath);
  let server: PreviewServer | undefined;
  const core = createCoreServices({
    databasePath,
    env,
    vault: new FileTokenVault(resolveTokenFile(databasePath, env)),
    defaultClientFile: path.join(PROJECT_ROOT, 'build', DEFAULT_CLIENT_FILE),
    // No browser of our own to open: the person opens Google's sign-in page from here.
    opener: (url) => void process.stdout.write(`Sign in to Google at:\n${url}\n`),
    // No save dialog in a browser: exports land in exports/ and the page downloads them.
    exportDownloadUrl: (file) => server?.downloadUrlFor(file),
  });
  core.start();
  try {
    server = await PreviewServer.start({
      endpoint: core.api,
      rendererDir: options.rendererDir ?? RENDERER_DIR,
      port: options.port ?? 0,
      downloadsDir,
      readPhoto: (urlPath) => readPhoto(core.photos.cache, urlPath),
    });
  } catch (error) {
    await core.close();
    throw error;
  }
  const started = server;
  return {
    url: started.url,
    async close() {
      await started.close();
      await core.close();
    },
  };
}
