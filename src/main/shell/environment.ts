/**
 * The installed app ignores the variables that exist for development and tests: pointed at
 * another "Google" (CONTACTS_SYNC_GOOGLE_URL) it would send the person's tokens there and use
 * the plain token file; the unencrypted-vault opt-in would store the sign-in readable by any
 * process. A developer who needs them in a packaged build sets CONTACTS_SYNC_DEVELOPER=1.
 */
import { ALLOW_UNENCRYPTED_ENV } from './safe-storage-vault.js';

export const DEVELOPER_ENV = 'CONTACTS_SYNC_DEVELOPER';

export const DEVELOPMENT_VARIABLES: readonly string[] = [
  'CONTACTS_SYNC_GOOGLE_URL',
  ALLOW_UNENCRYPTED_ENV,
  'CONTACTS_SYNC_TOKENS',
  'GOOGLE_CLIENT_ID',
  'GOOGLE_CLIENT_SECRET',
];

export interface AppEnvironment {
  env: NodeJS.ProcessEnv;
  /** Names (never values) of the variables that were set and are ignored. */
  ignored: string[];
}

/** The environment the app runs with: as given in development, without DEVELOPMENT_VARIABLES when packaged. */
export function appEnvironment(env: NodeJS.ProcessEnv, isPackaged: boolean): AppEnvironment {
  if (!isPackaged || env[DEVELOPER_ENV] === '1') return { env, ignored: [] };
  const kept = { ...env };
  const ignored = DEVELOPMENT_VARIABLES.filter((name) => kept[name] !== undefined);
  for (const name of ignored) delete kept[name];
  return { env: kept, ignored };
}
