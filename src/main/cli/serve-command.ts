import { AppPasswordFile } from '../core/carddav/app-password.js';
import { E164_DIAL_PLAN } from '../core/directory/dial-plan.js';
import { LocalServices } from '../core/directory/local-services.js';
import { AppError } from '../core/errors.js';
import type { CliContext } from './context.js';

/** Defaults beside Radicale's 5232, so both can run on one computer. */
export const DEFAULT_CARDDAV_PORT = 5233;
export const DEFAULT_CISCO_PORT = 5234;

/**
 * `serve`: the CardDAV server and the Cisco phone directory until Ctrl-C. The first lines say
 * where and how to connect, one `NAME=value` per line, for people and scripts alike.
 */
export async function serveCommand(ctx: CliContext): Promise<number> {
  const { args, databasePath } = ctx;
  const signal = ctx.signal;
  if (!signal || !databasePath)
    throw new AppError('INTERNAL', 'serve needs a database and a stop signal.');
  const onlyCisco = args.carddavPort === undefined && args.ciscoPort !== undefined;
  const onlyCarddav = args.ciscoPort === undefined && args.carddavPort !== undefined;
  const services = new LocalServices(
    ctx.db,
    ctx.clock,
    AppPasswordFile.besideDatabase(databasePath),
  );
  const info = await services.start({
    carddavPort: onlyCisco ? null : (args.carddavPort ?? DEFAULT_CARDDAV_PORT),
    cisco: onlyCarddav
      ? null
      : {
          port: args.ciscoPort ?? DEFAULT_CISCO_PORT,
          host: args.ciscoHost ?? '127.0.0.1',
          allowList: args.ciscoAllow ?? [],
          dialPlan: E164_DIAL_PLAN,
        },
  });
  if (info.carddav) {
    ctx.io.out(`CARDDAV_URL=${info.carddav.url}`);
    ctx.io.out(`CARDDAV_USER=${info.carddav.user}`);
    ctx.io.out(`CARDDAV_PASSWORD=${info.carddav.password}`);
  }
  if (info.cisco) ctx.io.out(`CISCO_URL=${info.cisco.url}`);
  ctx.io.err?.('Serving read-only; stop with Ctrl-C.');
  if (!signal.aborted) {
    await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
  }
  await services.stop();
  return 0;
}
