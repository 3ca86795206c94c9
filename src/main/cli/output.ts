import type { CliContext } from './context.js';

export const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** JSON with --json, else the text; on stdout either way. */
export function print(ctx: CliContext, value: unknown, text: () => string): void {
  ctx.io.out(ctx.args.json ? JSON.stringify(value, null, 2) : text());
}
