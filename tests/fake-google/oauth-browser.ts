/**
 * A stand-in for the person's browser in sign-in tests: it GETs the authorization URL from the
 * fake Google and follows the redirect to the app's loopback server, over real HTTP.
 */
export interface Visit {
  /** Where the browser ended up (the loopback callback URL). */
  url: string;
  status: number;
  body: string;
}

export class FakeBrowser {
  readonly visits: Visit[] = [];
  /** Errors of visits that never got an answer (e.g. the loopback server was already closed). */
  readonly failures: string[] = [];

  /** `tamper` edits the authorization URL first, as a meddling party could. */
  constructor(private readonly tamper?: (url: URL) => void) {}

  /** The opener to hand to the sign-in flow. */
  readonly open = async (authorizationUrl: string): Promise<void> => {
    await this.visit(await this.authorize(authorizationUrl));
  };

  /** Asks the fake Google to authorize; returns the loopback URL it redirects to. */
  async authorize(authorizationUrl: string): Promise<string> {
    const url = new URL(authorizationUrl);
    this.tamper?.(url);
    const response = await fetch(url, { redirect: 'manual' });
    const location = response.headers.get('location');
    if (response.status !== 302 || !location) {
      throw new Error(
        `authorization was not redirected: ${response.status} ${await response.text()}`,
      );
    }
    return location;
  }

  async visit(url: string): Promise<Visit | null> {
    try {
      const response = await fetch(url);
      const visit = { url, status: response.status, body: await response.text() };
      this.visits.push(visit);
      return visit;
    } catch (caught) {
      this.failures.push(String((caught as Error).cause ?? caught));
      return null;
    }
  }
}
