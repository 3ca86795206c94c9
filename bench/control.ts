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
