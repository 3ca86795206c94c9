/**
 * The Google OAuth client every sign-in, token refresh and revocation uses (issue 18 item 8).
 * Precedence: GOOGLE_CLIENT_ID/GOOGLE_CLIENT_SECRET (development only) > the person's own client
 * (ID in settings, secret in the token vault) > a default client baked in by whoever packaged the
 * app (README "Google sign-in client") > none.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SignInClientInfo, SignInClientSource } from '../../../shared/api/types.js';
import type { AppError } from '../errors.js';
import { createLogger } from '../logger.js';
import type { SettingsService } from '../settings/settings-service.js';
import { checkClient, MAX_CLIENT_FILE_BYTES, parseClientFile } from './client-file.js';
import { credentialsFromEnv, type ClientCredentials } from './google-auth.js';
import type { TokenVault } from './token-vault.js';

const log = createLogger('auth');

export type { SignInClientInfo, SignInClientSource };

export type SignInClientInput = { json: string } | { clientId: string; clientSecret: string };

/** Where the person's client ID is kept (settings.json, shared by the app and the CLI). */
export interface ClientIdStore {
  get(): string | null;
  set(clientId: string | null): void;
}

export function settingsClientIdStore(settings: SettingsService): ClientIdStore {
  return {
    get: () => settings.get().signInClient.clientId,
    set: (clientId) => void settings.update((draft) => (draft.signInClient.clientId = clientId)),
  };
}

/** The file name of the packaged default client, in the app's resources (or `build/`). */
export const DEFAULT_CLIENT_FILE = 'oauth-client.json';

/**
 * The default client a packager placed beside the app (the same JSON Google Cloud Console
 * downloads); null when there is none. A broken file is reported in the log and ignored, so the
 * person can still import their own.
 */
export function readDefaultClient(file: string | null | undefined): ClientCredentials | null {
  if (!file) return null;
  let text: string;
  try {
    if (fs.statSync(file).size > MAX_CLIENT_FILE_BYTES) throw new Error('too big');
    text = fs.readFileSync(file, 'utf8');
  } catch (caught) {
    if ((caught as NodeJS.ErrnoException).code !== 'ENOENT') {
      log.warn('the default sign-in client file cannot be read', { file: path.basename(file) });
    }
    return null;
  }
  try {
    return parseClientFile(text, { development: false });
  } catch (caught) {
    log.warn('the default sign-in client file is not a Desktop-app client; ignored', {
      file: path.basename(file),
      code: (caught as AppError).code,
    });
    return null;
  }
}

export interface SignInClientDeps {
  ids: ClientIdStore;
  vault: Pick<TokenVault, 'getClientSecret' | 'setClientSecret' | 'deleteClientSecret'>;
  env?: NodeJS.ProcessEnv;
  /** GOOGLE_CLIENT_ID/SECRET are for development; a packaged app passes false. */
  allowEnv?: boolean;
  /** The packaged default client (`readDefaultClient`), read once by the composition root. */
  defaultClient?: ClientCredentials | null;
  /** Against a fake or development Google server, any client ID is accepted. */
  development?: boolean;
}

export class SignInClientService {
  constructor(private readonly deps: SignInClientDeps) {}

  /** The client to sign in with, or null when none is configured anywhere. */
  current(): ClientCredentials | null {
    return this.resolve().credentials;
  }

  info(): SignInClientInfo {
    const { credentials, source } = this.resolve();
    return { clientId: credentials?.clientId ?? null, source };
  }

  /** Imports a downloaded client file or an ID and secret; the secret goes to the vault. */
  set(input: SignInClientInput): SignInClientInfo {
    const options = { development: this.deps.development ?? false };
    const client =
      'json' in input ? parseClientFile(input.json, options) : checkClient(input, options);
    // The vault first: if it refuses (no keychain), the ID does not point at a missing secret.
    this.deps.vault.setClientSecret(client.clientId, client.clientSecret);
    this.deps.ids.set(client.clientId);
    log.info('sign-in client set');
    return this.info();
  }

  /** Forgets the person's client; the default one (if packaged) applies again. */
  clear(): SignInClientInfo {
    this.deps.ids.set(null);
    this.deps.vault.deleteClientSecret();
    return this.info();
  }

  private resolve(): { credentials: ClientCredentials | null; source: SignInClientSource } {
    const fromEnv = this.deps.allowEnv === false ? null : credentialsFromEnv(this.deps.env);
    if (fromEnv) return { credentials: fromEnv, source: 'env' };
    const clientId = this.deps.ids.get();
    const clientSecret = clientId ? this.deps.vault.getClientSecret(clientId) : null;
    if (clientId && clientSecret)
      return { credentials: { clientId, clientSecret }, source: 'user' };
    if (this.deps.defaultClient) return { credentials: this.deps.defaultClient, source: 'default' };
    return { credentials: null, source: 'none' };
  }
}

export interface SignInClientSetup {
  settings: SettingsService;
  vault: SignInClientDeps['vault'];
  env: NodeJS.ProcessEnv;
  /** Where a packager put the default client (`DEFAULT_CLIENT_FILE`); none when absent. */
  defaultClientFile?: string | null;
  allowEnv?: boolean;
}

/** The service as every composition root builds it (app, preview, CLI). */
export function createSignInClient(setup: SignInClientSetup): SignInClientService {
  return new SignInClientService({
    ids: settingsClientIdStore(setup.settings),
    vault: setup.vault,
    env: setup.env,
    allowEnv: setup.allowEnv ?? true,
    defaultClient: readDefaultClient(setup.defaultClientFile),
    development: Boolean(setup.env['CONTACTS_SYNC_GOOGLE_URL']),
  });
}

/**
 * Where a checkout keeps the default client: `build/oauth-client.json` of the project, two folders
 * above `src/main` or `dist/main` (`mainDir`). The packaged app reads its resources folder instead.
 */
export function checkoutClientFile(mainDir: string): string {
  return path.resolve(mainDir, '..', '..', 'build', DEFAULT_CLIENT_FILE);
}
