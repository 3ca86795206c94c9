import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/main/cli/args.js';
import { AppError } from '../../src/main/core/errors.js';

const searchOf = (...argv: string[]) => {
  const args = parseCliArgs(argv);
  return { command: args.command, text: args.positionals, limit: args.limit, json: args.json };
};

describe('contacts-sync search arguments', () => {
  it('takes a word starting with "-" as search text, with or without --', () => {
    expect(searchOf('search', '-Ann')).toMatchObject({ command: 'search', text: ['-Ann'] });
    expect(searchOf('search', '--', '-Ann')).toMatchObject({ text: ['-Ann'] });
    expect(searchOf('search', '-Ann', 'Lee', '-x')).toMatchObject({ text: ['-Ann', 'Lee', '-x'] });
    expect(searchOf('search', '--', '--limit', '5')).toMatchObject({
      text: ['--limit', '5'],
      limit: undefined,
    });
  });

  it('still reads our own options around the text, before or after the command', () => {
    expect(searchOf('--json', 'search', '-Ann', '--limit', '5')).toEqual({
      command: 'search',
      text: ['-Ann'],
      limit: 5,
      json: true,
    });
    expect(searchOf('--db', 'x.db', 'search', '--limit=3', 'ann@example.com')).toMatchObject({
      text: ['ann@example.com'],
      limit: 3,
    });
  });

  it('keeps refusing unknown options of other commands', () => {
    expect(() => parseCliArgs(['status', '-Ann'])).toThrow(AppError);
  });
});
