import fs from 'node:fs';
import path from 'node:path';
import type { Credentials } from 'google-auth-library';
import { AppError } from '../errors.js';

export interface StoredTokens {
  refreshToken: string;
  accessToken?: string;
  /** Milliseconds since the epoch, as google-auth-library reports it. */
  expiryDate?: number;
  scope?: string;
}

/** Where OAuth tokens live. Never the database, settings or logs (DESIGN §9). */
export interface TokenVault {
  get(email: string): StoredTokens | null;
  set(email: string, tokens: StoredTokens): void;
  delete(email: string): void;
  /**
   * The secret of the person's own sign-in client (README "Google sign-in client"), kept beside
   * the tokens it protects; null when none is kept for this client ID.
   */
  getClientSecret(clientId: string): string | null;
  setClientSecret(clientId: string, clientSecret: string): void;
  deleteClientSecret(): void;
  /** One line for the person: where tokens are kept and how they are protected. */
  describe(): string;
}

/**
 * Google sends a refresh token only with the first consent, so a refresh (or a reconnect that did
 * not re-consent) must never drop the one we have. Null when neither side has a refresh token.
 */
export function mergeTokens(current: StoredTokens | null, fresh: Credentials): StoredTokens | null {
  const refreshToken = fresh.refresh_token ?? current?.refreshToken;
  if (!refreshToken) return null;
  return {
    ...current,
    refreshToken,
    ...(fresh.access_token ? { accessToken: fresh.access_token } : {}),
    ...(fresh.expiry_date ? { expiryDate: fresh.expiry_date } : {}),
    ...(fresh.scope ? { scope: fresh.scope } : {}),
  };
}

/** How the vault file's bytes relate to its JSON: as they are, or encrypted by the OS. */
export interface VaultCodec {
  encode(json: string): Buffer;
  /** Throws when the bytes cannot be turned back into JSON (e.g. another keychain). */
  decode(data: Buffer): string;
}

export const PLAIN_CODEC: VaultCodec = {
  encode: (json) => Buffer.from(json, 'utf8'),
  decode: (data) => data.toString('utf8'),
};

interface VaultFile {
  version: 1;
  accounts: Record<string, StoredTokens>;
  /** Sign-in client secrets by client ID (several when the CLI and the app set different ones). */
  clients?: Record<string, string>;
}

/**
 * Tokens in one file only the user can read (0600), written atomically, keyed by lower-cased
 * email. With the default codec the file is plain JSON (the CLI and preview, where no OS keychain
 * is reachable; `describe()` says so); the desktop app passes an encrypting codec.
 */
export class FileTokenVault implements TokenVault {
  constructor(
    protected readonly file: string,
    private readonly codec: VaultCodec = PLAIN_CODEC,
  ) {}

  describe(): string {
    return `Tokens are stored unencrypted in ${this.file}, readable only by you (mode 0600).`;
  }

  /** The emails that have tokens here. */
  list(): string[] {
    return Object.keys(this.read().accounts);
  }

  get(email: string): StoredTokens | null {
    return this.read().accounts[email.toLowerCase()] ?? null;
  }

  set(email: string, tokens: StoredTokens): void {
    const content = this.read();
    content.accounts[email.toLowerCase()] = tokens;
    this.write(content);
  }

  delete(email: string): void {
    const content = this.read();
    if (!(email.toLowerCase() in content.accounts)) return;
    delete content.accounts[email.toLowerCase()];
    this.write(content);
  }

  getClientSecret(clientId: string): string | null {
    const clients = this.read().clients ?? {};
    return Object.hasOwn(clients, clientId) ? (clients[clientId] ?? null) : null;
  }

  setClientSecret(clientId: string, clientSecret: string): void {
    const content = this.read();
    this.write({ ...content, clients: { ...content.clients, [clientId]: clientSecret } });
  }

  deleteClientSecret(): void {
    const content = this.read();
    if (!content.clients) return;
    delete content.clients;
    this.write(content);
  }

  /** The client secrets kept here, by client ID. */
  clientSecrets(): Record<string, string> {
    return { ...this.read().clients };
  }

  private read(): VaultFile {
    let data: Buffer;
    try {
      data = fs.readFileSync(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, accounts: {} };
      throw error;
    }
    try {
      const parsed = JSON.parse(this.codec.decode(data)) as VaultFile;
      if (parsed && typeof parsed.accounts === 'object') return parsed;
    } catch {
      // fall through to the error below
    }
    throw new AppError(
      'VAULT_UNAVAILABLE',
      `The token file ${this.file} is damaged or was written on another computer. ` +
        'Delete it and connect your accounts again.',
    );
  }

  private write(content: VaultFile): void {
    if (Object.keys(content.accounts).length === 0 && !content.clients) {
      // Nothing left to protect: leave no file behind (disconnecting the last account).
      fs.rmSync(this.file, { force: true });
      return;
    }
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, this.codec.encode(JSON.stringify(content, null, 2)), { mode: 0o600 });
    // writeFileSync's mode is masked by the umask and ignored for an existing file.
    fs.chmodSync(temp, 0o600);
    fs.renameSync(temp, this.file);
  }
}

/**
 * Moves the tokens `contacts-sync accounts add` left in a plain file into another vault (the
 * desktop app's encrypted one), deleting each from the file once copied so no plain copy stays.
 * Accounts the target already has are not overwritten. Sign-in client secrets are copied too.
 * Returns the emails moved.
 */
export function moveTokens(from: FileTokenVault, to: TokenVault): string[] {
  const moved: string[] = [];
  for (const email of from.list()) {
    const tokens = from.get(email);
    if (tokens && !to.get(email)) {
      to.set(email, tokens);
      moved.push(email);
    }
    from.delete(email);
  }
  // The client's secret is copied, not moved: the CLI keeps using it from its own file (Google
  // says a Desktop client's secret is not confidential; PKCE protects the sign-in).
  for (const [clientId, secret] of Object.entries(from.clientSecrets())) {
    if (to.getClientSecret(clientId) === null) to.setClientSecret(clientId, secret);
  }
  return moved;
}
