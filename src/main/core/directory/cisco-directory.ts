/**
 * A Cisco IP phone directory service over the mirror: `/` answers a CiscoIPPhoneInput (first
 * name, last name, number), `/search` a CiscoIPPhoneDirectory page of 32 entries with Dial,
 * Next and Previous soft keys. Phones cannot log in, so who may read is decided by address: by
 * default only this computer; listening on another interface needs an explicit allow-list.
 */
import http from 'node:http';
import { baseUrl, close, listen } from './http-listen.js';
import type { Db } from '../db/connection.js';
import { AppError } from '../errors.js';
import { createLogger } from '../logger.js';
import { CISCO_LIMITS, directoryXml, inputXml, textXml, type DirectoryEntry } from './cisco-xml.js';
import { dialString, type DialPlan } from './dial-plan.js';

const log = createLogger('cisco-directory');

export interface CiscoDirectoryOptions {
  /** The interface to listen on: 127.0.0.1 unless the person chose another. */
  host: string;
  /** Addresses allowed to read (exact IPv4/IPv6 addresses or IPv4 CIDR blocks). */
  allowList: string[];
  dialPlan: DialPlan;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const MAX_QUERY = 64;

function ipv4ToNumber(address: string): number | null {
  const parts = address.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return null;
    value = value * 256 + Number(part);
  }
  return value;
}

/** Whether `remote` (as the socket reports it; IPv4 may come as ::ffff:a.b.c.d) is allowed. */
export function isAllowed(remote: string, allowList: readonly string[]): boolean {
  const address = remote.startsWith('::ffff:') ? remote.slice(7) : remote;
  return allowList.some((entry) => {
    const [base, bits] = entry.split('/');
    if (bits === undefined) return base === address;
    const network = ipv4ToNumber(base ?? '');
    const host = ipv4ToNumber(address);
    const prefix = Number(bits);
    if (
      network === null ||
      host === null ||
      !Number.isInteger(prefix) ||
      prefix < 0 ||
      prefix > 32
    ) {
      return false;
    }
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    return (network & mask) >>> 0 === (host & mask) >>> 0;
  });
}

interface Row {
  display_name: string | null;
  organization: string | null;
  phones: string;
}

const likePrefix = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`) + '%';

export class CiscoDirectoryServer {
  private server: http.Server | null = null;

  constructor(
    private readonly db: Db,
    private readonly options: CiscoDirectoryOptions,
  ) {
    const host = options.host.trim();
    if (!LOOPBACK.has(host) && options.allowList.length === 0) {
      throw new AppError(
        'INVALID_ARGUMENT',
        `To serve the phone directory on ${host}, list the addresses that may read it (the phones'). ` +
          'Anyone who can reach that address could otherwise read your contacts.',
      );
    }
  }

  async start(port: number): Promise<string> {
    const server = http.createServer((request, response) => {
      try {
        this.handle(request, response);
      } catch (error) {
        log.error('directory request failed', { error: String(error) });
        send(response, 500, textXml('Directory', 'The directory could not be read.'));
      }
    });
    server.requestTimeout = 20_000;
    await listen(server, port, this.options.host);
    this.server = server;
    return this.url() ?? '';
  }

  url(): string | null {
    return baseUrl(this.server);
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    await close(server);
  }

  private handle(request: http.IncomingMessage, response: http.ServerResponse): void {
    const allowList = LOOPBACK.has(this.options.host)
      ? ['127.0.0.1', '::1', ...this.options.allowList]
      : this.options.allowList;
    if (!isAllowed(request.socket.remoteAddress ?? '', allowList)) {
      send(response, 403, textXml('Directory', 'This phone is not allowed to read the directory.'));
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, textXml('Directory', 'Only GET is supported.'));
      return;
    }
    const url = new URL(request.url ?? '/', 'http://phone.invalid');
    const base = `http://${request.headers.host ?? '127.0.0.1'}`;
    if (url.pathname === '/') {
      send(
        response,
        200,
        inputXml('Google contacts', 'Search by name or number', `${base}/search`, [
          { displayName: 'First name', param: 'f', flags: 'A' },
          { displayName: 'Last name', param: 'l', flags: 'A' },
          { displayName: 'Number', param: 'n', flags: 'T' },
        ]),
      );
      return;
    }
    if (url.pathname !== '/search') {
      send(response, 404, textXml('Directory', 'Nothing here: open the directory at /.'));
      return;
    }
    const query = {
      first: (url.searchParams.get('f') ?? '').trim().slice(0, MAX_QUERY),
      last: (url.searchParams.get('l') ?? '').trim().slice(0, MAX_QUERY),
      number: (url.searchParams.get('n') ?? '').replace(/\D/g, '').slice(0, MAX_QUERY),
    };
    const page = Math.min(
      Math.max(Number.parseInt(url.searchParams.get('page') ?? '0', 10) || 0, 0),
      10_000,
    );
    const { entries, more } = this.search(query, page);
    const link = (p: number) => {
      const next = new URLSearchParams({
        f: query.first,
        l: query.last,
        n: query.number,
        page: String(p),
      });
      return `${base}/search?${next.toString()}`;
    };
    const keys = [
      { name: 'Dial', url: 'SoftKey:Dial' },
      { name: 'EditDial', url: 'SoftKey:EditDial' },
      ...(page > 0 ? [{ name: 'Previous', url: link(page - 1) }] : []),
      ...(more ? [{ name: 'Next', url: link(page + 1) }] : []),
      { name: 'Exit', url: 'SoftKey:Exit' },
    ];
    const prompt = entries.length
      ? `Page ${page + 1}${more ? ' of more' : ''}`
      : 'No contact matches';
    send(response, 200, directoryXml('Google contacts', prompt, entries, keys));
  }

  /** One page of entries (one per dialable number), name order; `more` when another follows. */
  private search(
    query: { first: string; last: string; number: string },
    page: number,
  ): { entries: DirectoryEntry[]; more: boolean } {
    const rows = this.db
      .prepare<Record<string, string>, Row>(
        `SELECT c.display_name, c.organization,
           (SELECT json_group_array(json_array(raw, e164)) FROM
              (SELECT raw, e164 FROM contact_phones WHERE contact_id = c.id ORDER BY position)) AS phones
         FROM contacts c
         WHERE c.deleted_at IS NULL
           AND EXISTS (SELECT 1 FROM contact_phones p WHERE p.contact_id = c.id)
           AND (:first = '' OR c.given_name LIKE :firstLike ESCAPE '\\'
                OR c.display_name LIKE :firstLike ESCAPE '\\')
           AND (:last = '' OR c.family_name LIKE :lastLike ESCAPE '\\')
           AND (:number = '' OR EXISTS (SELECT 1 FROM contact_phones p WHERE p.contact_id = c.id
                AND (p.e164 LIKE '%' || :number || '%' OR p.raw LIKE '%' || :number || '%')))
         ORDER BY c.display_name COLLATE NOCASE, c.id`,
      )
      .iterate({
        first: query.first,
        firstLike: likePrefix(query.first),
        last: query.last,
        lastLike: likePrefix(query.last),
        number: query.number,
      });
    const skip = page * CISCO_LIMITS.entries;
    const entries: DirectoryEntry[] = [];
    let seen = 0;
    for (const row of rows) {
      const phones = JSON.parse(row.phones) as [string, string | null][];
      for (const [raw, e164] of phones) {
        // As Google shows a contact without a name: its organization, else the number itself.
        const name = row.display_name ?? row.organization ?? raw;
        const telephone = dialString({ raw, e164 }, this.options.dialPlan);
        if (!telephone || telephone.length > CISCO_LIMITS.telephone) continue;
        if (seen++ < skip) continue;
        if (entries.length === CISCO_LIMITS.entries) return { entries, more: true };
        entries.push({ name, telephone });
      }
    }
    return { entries, more: false };
  }
}

function send(response: http.ServerResponse, status: number, body: string): void {
  response.writeHead(status, {
    'content-type': 'text/xml; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': String(Buffer.byteLength(body)),
  });
  response.end(body);
}
