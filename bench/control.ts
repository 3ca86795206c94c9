import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The fake Google server in a process of its own, with `contacts` contacts, once it listens. */
export async function startFakeGoogle(
  contacts: number,
): Promise<{ process: ChildProcess; url: string; refreshToken: string }> {
  const child = spawn(
    path.join(ROOT, 'node_modules/.bin/tsx'),
    [path.join(ROOT, 'tests/fake-google/main.ts'), '--port', '0', '--contacts', String(contacts)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const info: Record<string, string> = {};
  for await (const line of readline.createInterface({ input: child.stdout! })) {
    const [key, value] = line.split('=');
    if (key && value) info[key] = value;
    if (info['FAKE_GOOGLE_URL'] && info['FAKE_GOOGLE_REFRESH_TOKEN']) break;
  }
  const url = info['FAKE_GOOGLE_URL'];
  const refreshToken = info['FAKE_GOOGLE_REFRESH_TOKEN'];
  if (!url || !refreshToken) throw new Error('the fake Google server did not start');
  return { process: child, url, refreshToken };
}

/** Drives a fake Google server running in another process through its HTTP control API. */
export class FakeControl {
  constructor(private readonly url: string) {}

  async call<T = unknown>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}/__control${route}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok)
      throw new Error(`control ${route}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  seed(count: number) {
    return this.call('POST', '/seed', { count });
  }

  async requests(): Promise<number> {
    const stats = await this.call<{ requests: { total: number } }>('GET', '/stats');
    return stats.requests.total;
  }
}
