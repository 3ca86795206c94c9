import { parseArgs } from 'node:util';
import { AppError } from '../core/errors.js';

export const USAGE = `Usage: contacts-sync [--db FILE] [--json] COMMAND

Commands:
  accounts add EMAIL --refresh-token TOKEN   add an account from an existing refresh token
  accounts                                   list accounts
  sync [--account EMAIL] [--full] [--allow-mass-deletion]
                                             sync every account (or one); exit 0 only if every run succeeded
  status                                     per account: contacts, last sync, last run
  history [--limit N]                        past runs, newest first
  stats                                      totals and run counts
  search TEXT [--limit N]                    full-text search over names, organizations, emails, phones

Options:
  --db FILE   database file (default: $CONTACTS_SYNC_DB, else the per-user data folder)
  --json      machine-readable output
  -h, --help  this help

Environment: CONTACTS_SYNC_GOOGLE_URL, CONTACTS_SYNC_DB, CONTACTS_SYNC_TOKENS,
             GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET`;

export interface CliArgs {
  db?: string;
  json: boolean;
  help: boolean;
  command: string | null;
  positionals: string[];
  account?: string;
  full: boolean;
  allowMassDeletion: boolean;
  refreshToken?: string;
  limit?: number;
}

function parseLimit(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `--limit must be a whole number from 1 to 100000, not "${value}".`,
    );
  }
  return limit;
}

export function parseCliArgs(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        db: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        account: { type: 'string' },
        full: { type: 'boolean', default: false },
        'allow-mass-deletion': { type: 'boolean', default: false },
        'refresh-token': { type: 'string' },
        limit: { type: 'string' },
      },
    });
  } catch (error) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `${(error as Error).message}. Run "contacts-sync --help".`,
    );
  }
  const { values, positionals } = parsed;
  const [command = null, ...rest] = positionals;
  return {
    ...(values.db !== undefined ? { db: values.db } : {}),
    json: values.json,
    help: values.help,
    command,
    positionals: rest,
    ...(values.account !== undefined ? { account: values.account } : {}),
    full: values.full,
    allowMassDeletion: values['allow-mass-deletion'],
    ...(values['refresh-token'] !== undefined ? { refreshToken: values['refresh-token'] } : {}),
    ...(values.limit !== undefined ? { limit: parseLimit(values.limit) as number } : {}),
  };
}
