/** `contacts-sync client show | set --file FILE | set --id ID | clear` (issue 18 item 8). */
import fs from 'node:fs';
import type { SignInClientInfo, SignInClientService } from '../core/auth/sign-in-client.js';
import { MAX_CLIENT_FILE_BYTES } from '../core/auth/client-file.js';
import { AppError } from '../core/errors.js';
import type { CliContext } from './context.js';
import { print } from './output.js';

const SOURCE_TEXT: Record<SignInClientInfo['source'], string> = {
  env: 'from GOOGLE_CLIENT_ID / GOOGLE_CLIENT_SECRET (development)',
  user: 'your own client (contacts-sync client set)',
  default: 'the default client this copy of the app was packaged with',
  none: 'none',
};

const USAGE_TEXT =
  'Usage: contacts-sync client show | client set --file FILE | client set --id ID ' +
  '(the secret on standard input) | client clear';

function requireService(ctx: CliContext): SignInClientService {
  if (!ctx.signInClient)
    throw new AppError('INTERNAL', 'The sign-in client is not available here.');
  return ctx.signInClient;
}

function show(ctx: CliContext, info: SignInClientInfo, done?: string): number {
  print(ctx, info, () =>
    [
      ...(done ? [done] : []),
      info.clientId
        ? `Google sign-in client: ${info.clientId} — ${SOURCE_TEXT[info.source]}.`
        : 'No Google sign-in client is set up. Import one: contacts-sync client set --file FILE ' +
          '(README: "Create your own Google OAuth client").',
    ].join('\n'),
  );
  return 0;
}

function readClientFile(file: string): string {
  try {
    if (fs.statSync(file).size > MAX_CLIENT_FILE_BYTES) {
      throw new AppError('INVALID_CLIENT', `${file} is too big to be an OAuth client file.`);
    }
    return fs.readFileSync(file, 'utf8');
  } catch (caught) {
    if (caught instanceof AppError) throw caught;
    throw new AppError(
      'INVALID_ARGUMENT',
      `Cannot read ${file} (${(caught as NodeJS.ErrnoException).code ?? 'error'}).`,
    );
  }
}

async function set(ctx: CliContext): Promise<number> {
  const service = requireService(ctx);
  const { file, clientId } = ctx.args;
  if ((file === undefined) === (clientId === undefined)) {
    throw new AppError('INVALID_ARGUMENT', `Give --file or --id. ${USAGE_TEXT}`);
  }
  let info: SignInClientInfo;
  if (file !== undefined) {
    info = service.set({ json: readClientFile(file) });
  } else {
    const secret = (await ctx.readSecret?.('Client secret: ')) ?? '';
    if (!secret.trim()) {
      throw new AppError(
        'INVALID_ARGUMENT',
        'Give the client secret on standard input (it is never taken as an argument: ' +
          'arguments are visible to other users in "ps").',
      );
    }
    info = service.set({ clientId: clientId ?? '', clientSecret: secret });
  }
  return show(
    ctx,
    info,
    `Saved; the secret is kept with the sign-in tokens. ${ctx.vault.describe()}`,
  );
}

export async function clientCommand(ctx: CliContext): Promise<number> {
  const [sub = 'show', ...extra] = ctx.args.positionals;
  if (extra.length > 0) throw new AppError('INVALID_ARGUMENT', USAGE_TEXT);
  switch (sub) {
    case 'show':
      return show(ctx, requireService(ctx).info());
    case 'set':
      return set(ctx);
    case 'clear':
      return show(ctx, requireService(ctx).clear(), 'Your sign-in client was removed.');
    default:
      throw new AppError('INVALID_ARGUMENT', `Unknown "client ${sub}". ${USAGE_TEXT}`);
  }
}
