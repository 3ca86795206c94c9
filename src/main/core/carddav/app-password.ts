/**
 * The password CardDAV clients log in with: generated (never chosen, never a Google password),
 * kept in a file beside the database that only the person's own user can read (0600), shown in
 * Settings and by `contacts-sync serve`, and replaced on request.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PRIVATE_FILE_MODE } from '../private-files.js';

export const CARDDAV_USER = 'contacts';

/** 24 random bytes: 32 URL-safe characters, easy to paste and impossible to guess. */
const generate = () => randomBytes(24).toString('base64url');

export class AppPasswordFile {
  private cached: string | null = null;

  constructor(private readonly file: string) {}

  static besideDatabase(databasePath: string): AppPasswordFile {
    return new AppPasswordFile(path.join(path.dirname(databasePath), 'carddav-password'));
  }

  get(): string {
    if (this.cached) return this.cached;
    try {
      const stored = fs.readFileSync(this.file, 'utf8').trim();
      if (stored.length >= 16) return (this.cached = stored);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return this.regenerate();
  }

  /** A new password; clients using the old one are refused from now on. */
  regenerate(): string {
    const password = generate();
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, password + '\n', { mode: PRIVATE_FILE_MODE });
    fs.chmodSync(temp, PRIVATE_FILE_MODE);
    fs.renameSync(temp, this.file);
    this.cached = password;
    return password;
  }
}
