import { parseArgs } from 'node:util';
import { AppError } from '../core/errors.js';

export const USAGE = `Usage: contacts-sync [--db FILE] [--json] COMMAND

Commands:
  connect [--no-browser] [--account EMAIL]   sign in to a Google account in your browser and sync it
  disconnect EMAIL [--delete-data]           revoke and forget an account's sign-in (keeps its
                                             contacts unless --delete-data)
  accounts add EMAIL                         add an account from an existing refresh token, read
                                             from standard input or CONTACTS_SYNC_REFRESH_TOKEN
  accounts                                   list accounts
  client [show]                              the Google OAuth client sign-ins use, and where it comes from
  client set --file FILE                     use your own Desktop-app client: the JSON file Google
                                             Cloud Console downloads
  client set --id ID                         the same from its ID, the secret read from standard input
  client clear                               forget your client (the packaged default applies again)
  export --format vcard|csv|cisco-xml [--output FILE] [--account EMAIL] [--include-deleted]
                                             write the contacts to FILE (default: stdout)
  sync [--account EMAIL] [--full] [--allow-mass-deletion] [--trigger scheduled]
                                             sync every account (or one); exit 0 only if every run succeeded
                                             (--trigger scheduled: as the background schedule would,
                                             for cron; a run the schedule skips also exits 0);
                                             calendars too when calendar sync is on; exit 3
                                             when another process was already syncing an account
  daemon                                     run the background schedule until Ctrl-C or SIGTERM
  serve [--carddav-port P] [--cisco-port P] [--cisco-host ADDRESS --cisco-allow LIST]
                                             serve the mirror read-only to CardDAV clients and
                                             Cisco IP phones until Ctrl-C (port 0: a free one)
  schedule [--account EMAIL]                 schedule, next run, adaptive interval, circuit and health
  schedule set [--account EMAIL] [--at HH:MM] [--every HOURS] [--time-zone ZONE]
  schedule pause 1h|tomorrow|indefinitely | resume | enable | disable [--account EMAIL]
  status                                     per account: contacts, last sync, last run, deletions
                                             waiting for your confirmation
  history [--limit N]                        past runs, newest first
  stats                                      totals and run counts
  search TEXT [--limit N]                    full-text search over names, organizations, emails, phones
                                             (any text: "-Ann" and words after -- are searched for)
  calendars [--account EMAIL]                the Google calendars and which are mirrored
  calendars enable | disable                 turn calendar sync on (sync and schedule cover it) or off
  calendars select | deselect ID [--account EMAIL]
                                             choose which calendars are mirrored (default: primary)
  calendars birthdays on | off               mirror your contacts' birthdays too (default: off)
  events [TEXT] [--from DATE] [--to DATE] [--account EMAIL]
                                             agenda of the mirrored calendars, recurring events
                                             expanded (default: today and the next 6 days)

Options:
  --db FILE   database file (default: $CONTACTS_SYNC_DB, else the per-user data folder)
  --json      machine-readable output
  -h, --help  this help

Environment: CONTACTS_SYNC_GOOGLE_URL, CONTACTS_SYNC_DB, CONTACTS_SYNC_TOKENS,
             CONTACTS_SYNC_SETTINGS, CONTACTS_SYNC_REFRESH_TOKEN,
             GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET (development: override the sign-in client)`;

export interface CliArgs {
  db?: string;
  json: boolean;
  help: boolean;
  command: string | null;
  positionals: string[];
  account?: string;
  full: boolean;
  allowMassDeletion: boolean;
  limit?: number;
  /** `client set --file FILE` / `--id ID`. */
  file?: string;
  clientId?: string;
  noBrowser: boolean;
  deleteData: boolean;
  trigger: 'cli' | 'scheduled';
  at?: string;
  every?: string;
  timeZone?: string;
  /** The agenda's period (`events`): dates or ISO times. */
  from?: string;
  to?: string;
  format?: string;
  output?: string;
  includeDeleted?: boolean;
  /** `serve`: ports (0 picks a free one), the phones' interface and allow-list. */
  carddavPort?: number;
  ciscoPort?: number;
  ciscoHost?: string;
  ciscoAllow?: string[];
}

function parsePort(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `--${name} must be a port from 0 to 65535, not "${value}".`,
    );
  }
  return port;
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

/** `scheduled` runs every policy of the background schedule (for cron); `cli` is a manual run. */
function parseTrigger(value: string): CliArgs['trigger'] {
  if (value === 'cli' || value === 'scheduled') return value;
  throw new AppError('INVALID_ARGUMENT', `--trigger must be "scheduled" or "cli", not "${value}".`);
}

const OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  account: { type: 'string' },
  full: { type: 'boolean', default: false },
  'allow-mass-deletion': { type: 'boolean', default: false },
  'refresh-token': { type: 'string' },
  limit: { type: 'string' },
  file: { type: 'string' },
  id: { type: 'string' },
  'no-browser': { type: 'boolean', default: false },
  'delete-data': { type: 'boolean', default: false },
  trigger: { type: 'string', default: 'cli' },
  at: { type: 'string' },
  every: { type: 'string' },
  'time-zone': { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  'include-deleted': { type: 'boolean', default: false },
  'carddav-port': { type: 'string' },
  'cisco-port': { type: 'string' },
  'cisco-host': { type: 'string' },
  'cisco-allow': { type: 'string' },
} as const;

/** The option an argument names (`--limit`, `--limit=5`, `-h`), if it is one of ours. */
function optionOf(arg: string): keyof typeof OPTIONS | undefined {
  const name = arg.startsWith('--')
    ? arg.slice(2).split('=')[0]
    : Object.entries(OPTIONS).find(([, o]) => 'short' in o && arg === `-${o.short}`)?.[0];
  return name !== undefined && Object.hasOwn(OPTIONS, name)
    ? (name as keyof typeof OPTIONS)
    : undefined;
}

/**
 * `search` takes any text, and people search for words that start with "-" ("-Ann"): after the
 * command, an argument that is not one of our options is search text, as is everything after
 * `--`. The text is moved behind a `--` so the strict parser takes it for positionals.
 */
function searchTextAsPositionals(argv: string[]): string[] {
  let i = 0;
  for (; i < argv.length && argv[i]!.startsWith('-'); i++) {
    const option = optionOf(argv[i]!);
    if (option && OPTIONS[option].type === 'string' && !argv[i]!.includes('=')) i++;
  }
  if (argv[i] !== 'search') return argv;
  const options: string[] = [];
  const text: string[] = [];
  for (let j = i + 1; j < argv.length; j++) {
    const arg = argv[j]!;
    const option = arg === '--' ? undefined : optionOf(arg);
    if (arg === '--') {
      text.push(...argv.slice(j + 1));
      break;
    } else if (!option || !arg.startsWith('-')) {
      text.push(arg);
    } else {
      options.push(arg);
      if (OPTIONS[option].type === 'string' && !arg.includes('=') && j + 1 < argv.length)
        options.push(argv[++j]!);
    }
  }
  return [...argv.slice(0, i + 1), ...options, '--', ...text];
}

export function parseCliArgs(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: searchTextAsPositionals(argv),
      allowPositionals: true,
      strict: true,
      options: OPTIONS,
    });
  } catch (error) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `${(error as Error).message}. Run "contacts-sync --help".`,
    );
  }
  const { values, positionals } = parsed;
  if (values['refresh-token'] !== undefined) {
    // Still parsed, only to say why it is refused (strict parsing would just say "unknown").
    throw new AppError(
      'INVALID_ARGUMENT',
      '--refresh-token is no longer accepted: a token on the command line is visible to every ' +
        'user of this computer ("ps") and stays in shell history. Pipe it on standard input or ' +
        'set CONTACTS_SYNC_REFRESH_TOKEN.',
    );
  }
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
    ...(values.limit !== undefined ? { limit: parseLimit(values.limit) as number } : {}),
    ...(values.file !== undefined ? { file: values.file } : {}),
    ...(values.id !== undefined ? { clientId: values.id } : {}),
    noBrowser: values['no-browser'],
    deleteData: values['delete-data'],
    trigger: parseTrigger(values.trigger),
    ...(values.at !== undefined ? { at: values.at } : {}),
    ...(values.every !== undefined ? { every: values.every } : {}),
    ...(values['time-zone'] !== undefined ? { timeZone: values['time-zone'] } : {}),
    ...(values.from !== undefined ? { from: values.from } : {}),
    ...(values.to !== undefined ? { to: values.to } : {}),
    ...(values.format !== undefined ? { format: values.format } : {}),
    ...(values.output !== undefined ? { output: values.output } : {}),
    includeDeleted: values['include-deleted'],
    ...serveOptions(values),
  };
}

function serveOptions(values: {
  'carddav-port'?: string | undefined;
  'cisco-port'?: string | undefined;
  'cisco-host'?: string | undefined;
  'cisco-allow'?: string | undefined;
}): Pick<CliArgs, 'carddavPort' | 'ciscoPort' | 'ciscoHost' | 'ciscoAllow'> {
  const carddavPort = parsePort('carddav-port', values['carddav-port']);
  const ciscoPort = parsePort('cisco-port', values['cisco-port']);
  const allow = values['cisco-allow']
    ?.split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return {
    ...(carddavPort !== undefined ? { carddavPort } : {}),
    ...(ciscoPort !== undefined ? { ciscoPort } : {}),
    ...(values['cisco-host'] !== undefined ? { ciscoHost: values['cisco-host'] } : {}),
    ...(allow !== undefined ? { ciscoAllow: allow } : {}),
  };
}
