/**
 * Fake Google: a node:http server speaking the People API, Calendar API and OAuth wire formats, so
 * the real `@googleapis/people`, `@googleapis/calendar` and `google-auth-library` clients work
 * against it unchanged. Controlled in-process through the methods below (calendar data through
 * `calendar`) or over HTTP under /__control (see control.ts).
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { endpointOf, routeApi } from './api.js';
import { insufficientScope } from './calendar-errors.js';
import { FakeCalendar } from './calendar-fake.js';
import { handleControl } from './control.js';
import { Faults, malformedReply, statusReply } from './faults.js';
import type { Endpoint, FaultSpec } from './faults.js';
import {
  BodyError,
  googleError,
  invalidArgument,
  send,
  sendStalled,
  sendTruncated,
} from './http.js';
import type { ListingContext } from './listing.js';
import { OAuth } from './oauth.js';
import type { Authorizations } from './oauth-authorize.js';
import { Store } from './store.js';
import { TokenCodec, type RefusalStatus } from './tokens.js';
import { UserStores } from './users.js';
import type { ContactGroup, Person } from './types.js';

const CALENDAR_READONLY = 'https://www.googleapis.com/auth/calendar.readonly';

export type { FaultSpec } from './faults.js';
export type { ContactGroup, Person } from './types.js';

export interface FakeGoogleOptions {
  /** Generated contacts at start and after reset (default 0). */
  contacts?: number;
  /** User contact groups (labels) at start and after reset (default 6). */
  groups?: number;
  /** PRNG seed for the generated data (default 1). */
  seed?: number;
  clientId?: string;
  clientSecret?: string;
  /** Who the primary refresh token and, by default, each authorization belong to. */
  email?: string;
}

export type CountedPath =
  'connections' | 'contactGroups' | 'calendarList' | 'events' | 'token' | 'revoke' | 'photo';

export interface Stats {
  /** People and OAuth requests; calendar ones: `requestCount('calendarList' | 'events')`. */
  requests: Record<'connections' | 'contactGroups' | 'token' | 'revoke' | 'total', number>;
  activeContacts: number;
}

export class FakeGoogle {
  private readonly options: Required<FakeGoogleOptions>;
  private readonly store: Store;
  private readonly users: UserStores;
  private readonly tokens: TokenCodec;
  private readonly oauth: OAuth;
  /** Calendar API data and controls (calendar-fake.ts), per user like the address books. */
  readonly calendar: FakeCalendar;
  private readonly faults = new Faults();
  private counts: Record<Endpoint, number> = zeroCounts();
  private epoch = 0;
  private emptyPages = false;
  private maxPageSize: number | undefined;
  private clockOffset = 0;
  private server: Server | undefined;
  private baseUrl: string | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();

  /** The server's clock: real time plus whatever `advanceClock` added. */
  readonly now = (): number => Date.now() + this.clockOffset;

  constructor(options: FakeGoogleOptions = {}) {
    this.options = {
      contacts: options.contacts ?? 0,
      groups: options.groups ?? 6,
      seed: options.seed ?? 1,
      clientId: options.clientId ?? 'fake-client-id',
      clientSecret: options.clientSecret ?? 'fake-client-secret',
      email: (options.email ?? 'me@example.com').toLowerCase(),
    };
    this.store = new Store(this.now);
    this.tokens = new TokenCodec(this.now);
    this.oauth = new OAuth(this.options.clientId, this.options.clientSecret, this.options.email);
    this.store.seed(this.options.contacts, this.options.seed, this.options.groups);
    this.users = new UserStores(this.options.email, this.store, () => {
      const store = new Store(this.now);
      store.seed(0, this.options.seed, this.options.groups);
      store.setPhotoOrigin(this.baseUrl ?? null);
      return store;
    });
    this.calendar = new FakeCalendar(this.now, this.options.email);
  }

  async start(port = 0): Promise<string> {
    if (this.server) throw new Error('FakeGoogle already started');
    const server = createServer((req, res) => void this.dispatch(req, res));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    this.store.setPhotoOrigin(this.baseUrl);
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }

  get url(): string {
    if (!this.baseUrl) throw new Error('FakeGoogle not started');
    return this.baseUrl;
  }

  get refreshToken(): string {
    return this.oauth.primaryRefreshToken;
  }

  get clientId(): string {
    return this.options.clientId;
  }

  get clientSecret(): string {
    return this.options.clientSecret;
  }

  // ---- data control ----

  /** Replaces all data with `count` generated contacts; all outstanding tokens expire. */
  seed(count: number, opts: { seed?: number; groups?: number } = {}): void {
    this.epoch++;
    this.store.seed(count, opts.seed ?? this.options.seed, opts.groups ?? this.options.groups);
  }

  addContacts(n: number, email?: string): string[] {
    return this.users.of(email).add(n);
  }

  // ---- sign-in (OAuth authorization-code flow) and more users ----

  /** Another user with their own address book; sign in as them with `signInAs`. */
  addUser(email: string, opts: { contacts?: number; seed?: number } = {}): void {
    this.users
      .of(email)
      .seed(opts.contacts ?? 0, opts.seed ?? this.options.seed, this.options.groups);
  }

  /** The sign-in flow: `signInAs(email)`, `denyNextAuthorization()`, `lastRequest`, `exchanges`. */
  get authorization(): Authorizations {
    return this.oauth.authorizations;
  }

  updateContact(resourceName: string, patch: Partial<Person>): Person {
    return this.store.toPerson(this.store.update(resourceName, patch as Record<string, unknown>));
  }

  deleteContact(resourceName: string): void {
    this.store.delete(resourceName);
  }

  restoreContact(resourceName: string): Person {
    return this.store.toPerson(this.store.restore(resourceName));
  }

  rekeyContact(resourceName: string): string {
    return this.store.rekey(resourceName);
  }

  getContact(resourceName: string): Person | undefined {
    const rec = this.store.get(resourceName);
    return rec ? this.store.toPerson(rec) : undefined;
  }

  /** Active contacts of the primary user, or of `email`. */
  listContacts(email?: string): Person[] {
    const store = this.users.of(email);
    return store.records.filter((r) => !r.deleted).map((r) => store.toPerson(r));
  }

  activeCount(): number {
    return this.store.active;
  }

  listGroups(): ContactGroup[] {
    return this.store.groups.filter((g) => !g.deleted).map((g) => this.store.toGroup(g));
  }

  addGroup(name: string): string {
    return this.store.addGroup(name);
  }

  renameGroup(resourceName: string, name: string): void {
    this.store.renameGroup(resourceName, name);
  }

  deleteGroup(resourceName: string): void {
    this.store.deleteGroup(resourceName);
  }

  addMembership(contact: string, group: string): void {
    this.store.addMembership(contact, group);
  }

  removeMembership(contact: string, group: string): void {
    this.store.removeMembership(contact, group);
  }

  // ---- tokens, faults, counters ----

  expireSyncTokens(): void {
    this.tokens.expireAll();
  }

  /**
   * Every sync and page token issued before now is refused, as Google refuses a token whose
   * listing's parameters no longer match: 400 INVALID_ARGUMENT, or 404 when `status` says so.
   */
  refuseTokens(status: RefusalStatus = 400): void {
    this.tokens.refuseAll(status);
  }

  /** Access tokens issued so far expire (401 UNAUTHENTICATED, reason ACCESS_TOKEN_EXPIRED). */
  expireAccessTokens(): void {
    this.oauth.expireAccessTokens();
  }

  issueRefreshToken(): string {
    return this.oauth.issueRefreshToken();
  }

  /** Revokes a refresh token (or access token) and its grant; false if unknown. */
  revokeRefreshToken(token: string): boolean {
    return this.oauth.revoke(token);
  }

  injectFault(spec: FaultSpec): void {
    this.faults.inject(spec);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Makes connections.list insert empty pages (with a nextPageToken) before and mid-listing. */
  setEmptyPages(enabled: boolean): void {
    this.emptyPages = enabled;
  }

  /** Caps connections.list pages at `size` items (undefined: as asked), to spread changes over pages. */
  setMaxPageSize(size: number | undefined): void {
    this.maxPageSize = size;
  }

  /** Every sync token issued so far is answered 400 INVALID_ARGUMENT from now on. */
  refuseSyncTokens(): void {
    this.tokens.refuseAll();
  }

  /** Moves the server clock forward: sync tokens expire after 7 days; sets update times. */
  advanceClock(ms: number): void {
    this.clockOffset += ms;
  }

  /** Requests to one endpoint; without one, every API and OAuth request (photos not included). */
  requestCount(path?: CountedPath): number {
    if (path) return this.counts[path];
    return Object.values(this.counts).reduce((a, b) => a + b, 0) - this.counts.photo;
  }

  resetCounts(): void {
    this.counts = zeroCounts();
  }

  stats(): Stats {
    const { connections, contactGroups, token, revoke } = this.counts;
    return {
      requests: { connections, contactGroups, token, revoke, total: this.requestCount() },
      activeContacts: this.store.active,
    };
  }

  /** Back to the state after construction (the primary refresh token stays valid). */
  reset(): void {
    this.seed(this.options.contacts);
    this.faults.clear();
    this.tokens.reset();
    this.oauth.reset();
    this.users.clear();
    this.calendar.reset();
    this.resetCounts();
    this.emptyPages = false;
    this.maxPageSize = undefined;
    this.clockOffset = 0;
  }

  // ---- HTTP ----

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname.startsWith('/__control/')) {
        send(res, await handleControl(this, req, url));
        return;
      }
      const endpoint = endpointOf(url.pathname);
      this.counts[endpoint]++;
      const fault = this.faults.take(endpoint);
      if (fault?.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      // Accepted and never answered: the socket stays open until the client gives up or stop().
      if (fault?.kind === 'hang') return;
      if (fault?.kind === 'delay') await this.sleep(fault.delayMs ?? 1000);
      if (fault?.kind === 'status') return send(res, statusReply(fault, endpoint));
      if (fault?.kind === 'malformed') return send(res, malformedReply(fault));
      const listing: ListingContext = {
        store: this.users.of(this.oauth.userOf(req, url)),
        tokens: this.tokens,
        epoch: this.epoch,
        emptyPages: this.emptyPages,
        ...(this.maxPageSize ? { maxPageSize: this.maxPageSize } : {}),
      };
      const calendar = (which: 'calendarList' | 'events', user: string | undefined) =>
        this.oauth.lacksScope(req, url, CALENDAR_READONLY)
          ? insufficientScope(
              which === 'calendarList'
                ? 'calendar.v3.CalendarList.List'
                : 'calendar.v3.Events.List',
            )
          : this.calendar.handle(which, url, user, { tokens: this.tokens, epoch: this.epoch });
      const reply = await routeApi(this.oauth, listing, endpoint, req, url, calendar);
      if (fault?.kind === 'truncate') sendTruncated(res, reply);
      else if (fault?.kind === 'stall') sendStalled(res, reply);
      else send(res, reply);
    } catch (err) {
      if (err instanceof BodyError) send(res, invalidArgument(err.message));
      else send(res, googleError(500, `Fake Google internal error: ${String(err)}`));
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}

function zeroCounts(): Record<Endpoint, number> {
  return {
    connections: 0,
    contactGroups: 0,
    calendarList: 0,
    events: 0,
    token: 0,
    revoke: 0,
    photo: 0,
    other: 0,
  };
}
