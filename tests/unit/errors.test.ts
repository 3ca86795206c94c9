import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { toAppError, type ErrorCode } from '../../src/main/core/errors.js';

const errno = (code: string, file?: string) =>
  Object.assign(new Error(`${code}: operation failed`), { code, ...(file ? { path: file } : {}) });
const sqlite = (code: string) => new Database.SqliteError('sqlite says no', code);
const FILE = '/home/ana/.config/Contacts Sync Agent/contacts.db';

describe('toAppError names every disk, file and system condition', () => {
  it.each<[string, unknown, ErrorCode, RegExp]>([
    ['SQLITE_FULL', sqlite('SQLITE_FULL'), 'DISK_FULL', /disk is full.*Free some space/],
    ['ENOSPC', errno('ENOSPC', FILE), 'DISK_FULL', /Free some space/],
    ['SQLITE_IOERR_WRITE', sqlite('SQLITE_IOERR_WRITE'), 'DISK_IO', /could not read or write/],
    ['EIO', errno('EIO', FILE), 'DISK_IO', /Check that the disk is connected/],
    ['SQLITE_CORRUPT', sqlite('SQLITE_CORRUPT'), 'DB_CORRUPT', /Move it aside/],
    ['SQLITE_NOTADB', sqlite('SQLITE_NOTADB'), 'DB_CORRUPT', /damaged/],
    ['SQLITE_CANTOPEN', sqlite('SQLITE_CANTOPEN'), 'DB_OPEN_FAILED', /folder is missing/],
    ['SQLITE_BUSY', sqlite('SQLITE_BUSY'), 'DB_BUSY', /another program.*Try again/],
    ['SQLITE_READONLY', sqlite('SQLITE_READONLY'), 'NOT_WRITABLE', /Make it writable/],
    ['EACCES', errno('EACCES', FILE), 'NOT_WRITABLE', /may not write there/],
    ['EPERM', errno('EPERM', FILE), 'NOT_WRITABLE', /choose another location/],
    ['EROFS', errno('EROFS', FILE), 'NOT_WRITABLE', /disk is read-only/],
    ['ENOTDIR', errno('ENOTDIR', FILE), 'PATH_INVALID', /a file, not a folder/],
    ['EMFILE', errno('EMFILE'), 'TOO_MANY_FILES', /ulimit -n/],
    ['ENFILE', errno('ENFILE'), 'TOO_MANY_FILES', /Close other programs/],
    ['EAGAIN', errno('EAGAIN'), 'SYSTEM_LIMIT', /limit was reached/],
  ])('%s', (_name, error, code, message) => {
    const appError = toAppError(error);
    expect(appError.code).toBe(code);
    expect(appError.message).toMatch(message);
    expect(appError.message).not.toMatch(/^Unexpected error/);
    expect(appError.cause).toBe(error);
  });

  it('names the path the error carries, or the one the caller gives', () => {
    expect(toAppError(errno('EACCES', FILE)).message).toContain(FILE);
    expect(toAppError(sqlite('SQLITE_FULL'), { file: FILE }).message).toContain(FILE);
  });

  it('takes an I/O error on a disk with no space left for a full disk', () => {
    // Measured on a full tmpfs: opening the database fails SQLITE_IOERR_SHMSIZE, not SQLITE_FULL.
    const error = sqlite('SQLITE_IOERR_SHMSIZE');
    expect(toAppError(error, { file: FILE, freeBytes: () => 0 }).code).toBe('DISK_FULL');
    expect(toAppError(error, { file: FILE, freeBytes: () => 5e9 }).code).toBe('DISK_IO');
    expect(toAppError(error, { file: FILE, freeBytes: () => null }).code).toBe('DISK_IO');
  });

  it('maps real errors from the file system', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-errors-'));
    try {
      const file = path.join(folder, 'a-file');
      fs.writeFileSync(file, '');
      let notDir: unknown;
      try {
        fs.mkdirSync(path.join(file, 'sub'), { recursive: true });
      } catch (error) {
        notDir = error;
      }
      expect(toAppError(notDir).code).toBe('PATH_INVALID');
      let full: unknown;
      try {
        fs.writeFileSync('/dev/full', 'x');
      } catch (error) {
        full = error;
      }
      expect(toAppError(full, { file: '/dev/full' })).toMatchObject({
        code: 'DISK_FULL',
        message: expect.stringContaining('/dev/full'),
      });
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('keeps "Unexpected error" for what it cannot name', () => {
    expect(toAppError(new TypeError('x is undefined'))).toMatchObject({
      code: 'INTERNAL',
      message: 'Unexpected error: x is undefined',
    });
  });
});
