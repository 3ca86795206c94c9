/** Process plumbing shared by `npm run preview` and `npm run demo`. */
import type { PreviewApp } from './app.js';

export function parsePort(raw: string | undefined): number {
  const port = Number(raw ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`--port must be a port number (0 picks a free one), got ${raw}`);
  }
  return port;
}

/** Prints the URL; `PREVIEW_URL=` is what scripts and the end-to-end test look for. */
export function announce(app: PreviewApp): void {
  process.stdout.write(`Open the app in a browser (stop with Ctrl+C):\nPREVIEW_URL=${app.url}\n`);
}

/** Closes once on SIGINT/SIGTERM, so a run in progress ends at a page boundary, then exits. */
export function closeOnSignal(close: () => Promise<void>): void {
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    void close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

export function fail(prefix: string): (error: unknown) => never {
  return (error) => {
    process.stderr.write(`${prefix}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  };
}
