/** Opaque, tamper-evident page and sync tokens, and sync-token expiry bookkeeping. */
import { createHash, createHmac, randomBytes } from 'node:crypto';

/** Google's sync tokens expire after seven days. */
export const SYNC_TOKEN_TTL_MS = 7 * 24 * 3600 * 1000;

export interface PageState {
  /** Server epoch (bumped by seed/reset) the token belongs to. */
  epoch: number;
  /** Hash of the request parameters that must repeat on every page. */
  hash: string;
  /** Uid of the last record served; -1 before the first. */
  cursor: number;
  /** Change seq when the listing's first page was served (becomes the next sync token). */
  snapshot: number;
  /** Seq of the sync token of an incremental listing, -1 for a full listing. */
  since: number;
  /** Empty pages already inserted (see FakeGoogle.setEmptyPages). */
  empties: number;
}

export interface SyncState {
  epoch: number;
  hash: string;
  seq: number;
  /** Issue number, compared against the expiry watermark. */
  serial: number;
  issuedAt: number;
}

export type PageKind = 'people-page' | 'groups-page' | 'calendars-page' | 'events-page';
export type SyncKind = 'people-sync' | 'groups-sync' | 'calendars-sync' | 'events-sync';
type Kind = PageKind | SyncKind;

const PAGE_KEYS = ['epoch', 'cursor', 'snapshot', 'since', 'empties'] as const;
const SYNC_KEYS = ['epoch', 'seq', 'serial', 'issuedAt'] as const;

export function paramHash(params: Record<string, string | undefined>): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : 1));
  return createHash('sha256').update(JSON.stringify(entries)).digest('base64url').slice(0, 12);
}

export class TokenCodec {
  private readonly key = randomBytes(16);
  private serial = 0;
  private minSerial = 0;
  /** Sync tokens issued before this serial are refused with 400 INVALID_ARGUMENT. */
  private refusedBelow = 0;

  constructor(private readonly now: () => number) {}

  private mac(body: Buffer): Buffer {
    return createHmac('sha256', this.key).update(body).digest().subarray(0, 9);
  }

  private encode(kind: Kind, state: object): string {
    const body = Buffer.from(JSON.stringify({ k: kind, ...state }));
    return Buffer.concat([this.mac(body), body]).toString('base64url');
  }

  private decode(
    token: string,
    kind: Kind,
    keys: readonly string[],
  ): Record<string, unknown> | null {
    const raw = Buffer.from(token, 'base64url');
    if (raw.length < 10 || raw.toString('base64url') !== token) return null;
    const body = raw.subarray(9);
    if (!this.mac(body).equals(raw.subarray(0, 9))) return null;
    let obj: unknown;
    try {
      obj = JSON.parse(body.toString('utf8'));
    } catch {
      return null;
    }
    if (typeof obj !== 'object' || obj === null) return null;
    const rec = obj as Record<string, unknown>;
    if (rec.k !== kind || typeof rec.hash !== 'string') return null;
    return keys.every((key) => Number.isInteger(rec[key])) ? rec : null;
  }

  encodePage(kind: PageKind, state: PageState): string {
    return this.encode(kind, state);
  }

  decodePage(kind: PageKind, token: string): PageState | null {
    return this.decode(token, kind, PAGE_KEYS) as PageState | null;
  }

  issueSync(kind: SyncKind, epoch: number, hash: string, seq: number): string {
    const state: SyncState = { epoch, hash, seq, serial: this.serial++, issuedAt: this.now() };
    return this.encode(kind, state);
  }

  decodeSync(kind: SyncKind, token: string): SyncState | null {
    return this.decode(token, kind, SYNC_KEYS) as SyncState | null;
  }

  isExpired(state: SyncState, epoch: number): boolean {
    return (
      state.epoch !== epoch ||
      state.serial < this.minSerial ||
      this.now() - state.issuedAt > SYNC_TOKEN_TTL_MS
    );
  }

  /** Every sync token issued so far becomes expired. */
  expireAll(): void {
    this.minSerial = this.serial;
  }

  /** Every sync token issued so far is refused from now on (as after a change of parameters). */
  refuseAll(): void {
    this.refusedBelow = this.serial;
  }

  isRefused(state: SyncState): boolean {
    return state.serial < this.refusedBelow;
  }

  /** Forgets the expiry and refusal watermarks (tokens of older epochs stay expired). */
  reset(): void {
    this.minSerial = 0;
    this.refusedBelow = 0;
  }
}
