/**
 * `contacts-sync search` as a person types it at a shell, through the real CLI process over a
 * real database: email addresses, "-Ann", punctuation only, and text past the bounds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, runCli } from './cli-process.js';
import { person, SearchDb } from './search-db.js';

let s: SearchDb;
let env: NodeJS.ProcessEnv;
beforeAll(() => {
  s = new SearchDb();
  s.store([
    person(1, {
      given: 'Ann',
      family: 'Lee',
      emails: ['ann@example.com'],
      phones: ['+1 415-555-0142'],
    }),
    person(2, { given: 'Bob', family: "O'Neil", emails: ['bob@other.test'] }),
  ]);
  // Search never calls Google: the URL is one nothing listens on.
  env = cliEnv('http://127.0.0.1:9', { CONTACTS_SYNC_DB: s.file });
});
afterAll(() => s.close());

const names = async (...args: string[]) => {
  const result = await runCli(['--json', 'search', ...args], env);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return (JSON.parse(result.stdout) as { displayName: string }[]).map((r) => r.displayName);
};

describe('contacts-sync search', () => {
  it('finds by email, apostrophe and phone digits, and takes "-Ann" as text', async () => {
    expect(await names('ann@example.com')).toEqual(['Ann Lee']);
    expect(await names("O'Neil")).toEqual(["Bob O'Neil"]);
    expect(await names('4155550142')).toEqual(['Ann Lee']);
    expect(await names('-Ann')).toEqual(['Ann Lee']);
    expect(await names('--', '-Ann')).toEqual(['Ann Lee']);
  });

  it('says what to do for punctuation only and for text past the bounds, exit 2, no stack', async () => {
    for (const [args, message] of [
      [['(', '*'], /Type a letter or a digit to search/],
      [Array.from({ length: 20 }, () => 'a'), /up to 16 words and 200 characters/],
    ] as const) {
      const result = await runCli(['search', ...args], env);
      expect(result.code).toBe(2); // a usage error, as for any invalid argument
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/Unexpected|at .*\.ts/);
    }
  });
});
