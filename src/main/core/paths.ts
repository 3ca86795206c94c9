import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Contacts Sync Agent';

/** The same folder Electron's app.getPath('userData') gives, so the app and the CLI share data. */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  const home = os.homedir();
  switch (platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
    case 'win32':
      return path.join(env['APPDATA'] ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
    default:
      return path.join(env['XDG_CONFIG_HOME'] ?? path.join(home, '.config'), PRODUCT_NAME);
  }
}

export function resolveDatabasePath(
  explicit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  return path.resolve(
    explicit ?? env['CONTACTS_SYNC_DB'] ?? path.join(defaultDataDir(env), 'contacts.db'),
  );
}

/** The CLI's token file sits beside the database it belongs to. */
export function resolveTokenFile(
  databasePath: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  return path.resolve(
    env['CONTACTS_SYNC_TOKENS'] ?? path.join(path.dirname(databasePath), 'tokens.json'),
  );
}
