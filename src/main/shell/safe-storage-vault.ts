/**
 * The desktop app's token vault: the same 0600 file as the CLI's, but its whole content encrypted
 * with Electron's safeStorage (Keychain on macOS, DPAPI on Windows, the Secret Service or KWallet
 * on Linux). Electron reaches this file only as a constructor argument, so tests pass a typed fake.
 * Construct it after the app is ready: before that, safeStorage cannot tell what it has.
 */
import type { SafeStorage } from 'electron';
import { FileTokenVault, PLAIN_CODEC, type VaultCodec } from '../core/auth/token-vault.js';
import { AppError } from '../core/errors.js';

/** The part of Electron's safeStorage this vault uses. */
export type SafeStorageApi = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
>;

export const ALLOW_UNENCRYPTED_ENV = 'CONTACTS_SYNC_ALLOW_UNENCRYPTED_TOKENS';

export interface SafeStorageVaultOptions {
  /**
   * The documented opt-in (`CONTACTS_SYNC_ALLOW_UNENCRYPTED_TOKENS=1`): when the system offers no
   * real encryption, store the tokens unencrypted (0600) instead of refusing.
   */
  allowUnencrypted?: boolean;
  platform?: NodeJS.Platform;
}

export function allowUnencryptedFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[ALLOW_UNENCRYPTED_ENV] === '1';
}

const OPT_IN =
  `To store the sign-in unencrypted anyway (readable by anything running as you), start the app ` +
  `with ${ALLOW_UNENCRYPTED_ENV}=1.`;

/** Why tokens cannot be stored encrypted here, or null when they can. */
export function encryptionProblem(
  safeStorage: SafeStorageApi,
  platform: NodeJS.Platform = process.platform,
): string | null {
  if (!safeStorage.isEncryptionAvailable()) {
    return 'The operating system offers no encryption for the Google sign-in, so it cannot be stored safely.';
  }
  // On Linux without a keyring, Chromium "encrypts" with a hard-coded key: that is plain text.
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    return (
      'No keyring is available (Electron safeStorage backend "basic_text"), so the Google sign-in ' +
      'cannot be stored encrypted. Install and unlock GNOME Keyring or KWallet (or start the app ' +
      'with --password-store=gnome-libsecret), then restart the app.'
    );
  }
  return null;
}

function safeStorageCodec(safeStorage: SafeStorageApi): VaultCodec {
  return {
    encode: (json) => safeStorage.encryptString(json),
    decode: (data) => safeStorage.decryptString(data),
  };
}

export class SafeStorageTokenVault extends FileTokenVault {
  readonly encrypted: boolean;

  /** Throws VAULT_UNAVAILABLE when encryption is unavailable and unencrypted was not opted into. */
  constructor(safeStorage: SafeStorageApi, file: string, options: SafeStorageVaultOptions = {}) {
    super(file, SafeStorageTokenVault.codecFor(safeStorage, options));
    this.encrypted = encryptionProblem(safeStorage, options.platform) === null;
  }

  private static codecFor(safeStorage: SafeStorageApi, options: SafeStorageVaultOptions) {
    const problem = encryptionProblem(safeStorage, options.platform);
    if (!problem) return safeStorageCodec(safeStorage);
    if (!options.allowUnencrypted) throw new AppError('VAULT_UNAVAILABLE', `${problem} ${OPT_IN}`);
    return PLAIN_CODEC;
  }

  override describe(): string {
    return this.encrypted
      ? `Tokens are stored in ${this.file}, encrypted by your system's keychain.`
      : `Tokens are stored UNENCRYPTED in ${this.file} (mode 0600), as ${ALLOW_UNENCRYPTED_ENV}=1 allows.`;
  }
}
