/**
 * The API endpoint every transport uses: validates each request against its schema, runs its
 * handler, and answers a result — never a throw across the boundary (DESIGN §1). Also turns the
 * orchestrator's callbacks into events for every connected client.
 */
import type { z } from 'zod';
import {
  isApiMethod,
  type ApiEvent,
  type ApiResult,
  type AppStatus,
} from '../../../shared/api/contract.js';
import { REQUEST_SCHEMAS } from '../../../shared/api/schemas.js';
import { AccountsRepo } from '../db/accounts-repo.js';
import { TimelineService } from '../services/timeline.js';
import { ContactQueries } from './contact-queries.js';
import { EventHub } from './events.js';
import { toApiError } from './failures.js';
import { createHandlers, type ApiHandlers, type ApiServices } from './handlers.js';
import type { ApiEndpoint } from './ports.js';
import { StatusTracker } from './status.js';

export type { ApiServices } from './handlers.js';

/** Messages name the fields at fault but never echo their values (they may be contact data). */
function describeIssues(error: z.ZodError): string {
  const text = error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'request'}: ${issue.message}`)
    .join('; ');
  return `Invalid request. ${text.length > 300 ? `${text.slice(0, 300)}…` : text}`;
}

/** Requests are plain records of named fields: not a Date, a Map or some class instance. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

const failure = (code: string, message: string): ApiResult<never> => ({
  ok: false,
  error: { code, message },
});

export class Api implements ApiEndpoint {
  readonly handlers: ApiHandlers;
  private readonly hub = new EventHub();
  private readonly status: StatusTracker;
  private readonly accounts: AccountsRepo;
  private readonly detach: Array<() => void>;
  private accountsFingerprint: string;

  constructor(services: ApiServices) {
    this.accounts = new AccountsRepo(services.db);
    this.status = new StatusTracker(services.reports, services.clock, services.pause, (id) =>
      services.orchestrator.runningRunId(id),
    );
    this.accountsFingerprint = JSON.stringify(this.accounts.list());
    this.handlers = createHandlers({
      ...services,
      accounts: this.accounts,
      queries: new ContactQueries(services.db),
      timeline: new TimelineService(services.db, services.clock),
      status: this.status,
      announce: () => this.announce(),
      publish: (event) => this.hub.publish(event),
    });
    const { orchestrator } = services;
    this.detach = [
      orchestrator.onProgress((progress) => {
        const started = this.status.onProgress(progress);
        this.hub.publish({ name: 'syncProgress', payload: progress });
        if (started) this.announce();
      }),
      orchestrator.onRunFinished((run) => {
        this.status.onRunFinished(run);
        this.hub.publish({ name: 'runFinished', payload: run });
        this.announce();
      }),
    ];
  }

  async call(method: unknown, payload: unknown): Promise<ApiResult<unknown>> {
    if (!isApiMethod(method)) {
      return failure('UNKNOWN_METHOD', 'The app does not know this request.');
    }
    let request: unknown;
    try {
      // Calls without parameters may arrive with none (undefined does not survive JSON).
      const input = payload === undefined ? {} : payload;
      if (!isPlainObject(input)) {
        return failure('INVALID_ARGUMENT', 'Invalid request. Expected an object of named fields.');
      }
      const parsed = REQUEST_SCHEMAS[method].safeParse(input);
      if (!parsed.success) return failure('INVALID_ARGUMENT', describeIssues(parsed.error));
      request = parsed.data;
    } catch {
      // A payload whose getters or proxy traps throw while being read.
      return failure('INVALID_ARGUMENT', 'Invalid request. It could not be read.');
    }
    try {
      const handler = this.handlers[method] as (request: unknown) => unknown;
      return { ok: true, value: await handler(request) };
    } catch (caught) {
      return { ok: false, error: toApiError(caught, method) };
    }
  }

  subscribe(listener: (event: ApiEvent) => void): () => void {
    return this.hub.subscribe(listener);
  }

  /** Tells every client that an account's photos changed (the photo fetcher's passes). */
  photosUpdated(accountId: number): void {
    this.hub.publish({ name: 'photosUpdated', payload: { accountId } });
  }

  /** The status as the tray and windows see it. */
  snapshot(): AppStatus {
    return this.status.snapshot();
  }

  /** Publishes the status, and the accounts when they changed since last told. */
  announce(): void {
    try {
      const accounts = this.accounts.list();
      const fingerprint = JSON.stringify(accounts);
      if (fingerprint !== this.accountsFingerprint) {
        this.accountsFingerprint = fingerprint;
        this.hub.publish({ name: 'accountsChanged', payload: accounts });
      }
      this.hub.publish({ name: 'statusChanged', payload: this.status.snapshot() });
    } catch (caught) {
      // Events are best effort (the database may be closing); the next one will be right.
      toApiError(caught, 'announce');
    }
  }

  /** Stops listening to the orchestrator and drops every client. */
  dispose(): void {
    for (const detach of this.detach.splice(0)) detach();
    this.hub.clear();
  }
}
