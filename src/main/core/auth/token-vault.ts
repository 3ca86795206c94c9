import fs from 'node:fs';
import path from 'node:path';
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
  /** One line for the person: where tokens are kept and how they are protected. */
  describe(): string;
}

interface VaultFile {
  version: 1;
  accounts: Record<string, StoredTokens>;
}

/**
 * Tokens in a JSON file only the user can read (0600), written atomically. For the CLI and
 * preview, where the OS keychain is not available; it says so in `describe()`.
 */
export class FileTokenVault implements TokenVault {
  constructor(private readonly file: string) {}

  describe(): string {
    return `Tokens are stored unencrypted in ${this.file}, readable only by you (mode 0600).`;
  }

  private read(): VaultFile {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, accounts: {} };
      throw error;
    }
    try {
      const parsed = JSON.parse(text) as VaultFile;
      if (parsed && typeof parsed.accounts === 'object') return parsed;
    } catch {
      // fall through to the error below
    }
    throw new AppError(
      'NO_CREDENTIALS',
      `The token file ${this.file} is damaged. Delete it and add your accounts again.`,
    );
  }

  private write(content: VaultFile): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(content, null, 2), { mode: 0o600 });
    fs.chmodSync(temp, 0o600);
    fs.renameSync(temp, this.file);
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
}
