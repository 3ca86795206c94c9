/** Starting and stopping the local services' HTTP servers (CardDAV, phone directory). */
import type http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Listens on `host:port` (0: a free port); rejects with the listen error (EADDRINUSE, …). */
export function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** The server's base URL while it listens, e.g. `http://127.0.0.1:5233/`. */
export function baseUrl(server: http.Server | null): string | null {
  const address = server?.address() as AddressInfo | null | undefined;
  if (!address) return null;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}/`;
}

/** Closes the server and every connection it holds (idle keep-alive clients included). */
export async function close(server: http.Server | null): Promise<void> {
  if (!server) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
