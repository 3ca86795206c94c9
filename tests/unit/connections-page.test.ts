import { describe, expect, it } from 'vitest';
import { decodeConnectionsPage } from '../../src/main/core/google/connections-page.js';
import { isAppError } from '../../src/main/core/errors.js';

const body = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

function decodeError(bytes: Uint8Array): unknown {
  try {
    decodeConnectionsPage(bytes);
  } catch (error) {
    return error;
  }
  throw new Error('expected the page to be refused');
}

describe('reading a connections page', () => {
  it('flattens people, keeps tombstones and re-keys apart, and reads the page tokens', () => {
    const page = decodeConnectionsPage(
      body({
        connections: [
          {
            resourceName: 'people/c1',
            etag: 'e1',
            names: [{ displayName: 'Zoë Ø', givenName: 'Zoë' }],
            phoneNumbers: [{ value: '+44 20 7946 0958' }],
          },
          { resourceName: 'people/c2', metadata: { deleted: true } },
          {
            resourceName: 'people/c3',
            metadata: { previousResourceNames: ['people/old3'] },
          },
        ],
        nextPageToken: 'p2',
        totalPeople: 3,
      }),
    );

    expect(page.nextPageToken).toBe('p2');
    expect(page.nextSyncToken).toBeNull();
    expect(page.totalItems).toBe(3);
    expect(page.entries.map((e) => e.kind)).toEqual(['upsert', 'tombstone', 'upsert']);
    const [first, second, third] = page.entries;
    expect(first?.kind === 'upsert' && first.record).toMatchObject({
      resourceName: 'people/c1',
      displayName: 'Zoë Ø',
      phones: [{ raw: '+44 20 7946 0958', e164: '+442079460958', type: null }],
    });
    expect(first?.kind === 'upsert' && JSON.parse(first.record.raw)).toMatchObject({
      names: [{ displayName: 'Zoë Ø' }],
    });
    expect(second).toEqual({ kind: 'tombstone', resourceName: 'people/c2' });
    expect(third?.kind === 'upsert' && third.previousResourceNames).toEqual(['people/old3']);
  });

  it('reads an empty last page (no `connections` key) with its sync token', () => {
    const page = decodeConnectionsPage(body({ nextSyncToken: 's1' }));
    expect(page).toEqual({
      entries: [],
      nextPageToken: null,
      nextSyncToken: 's1',
      totalItems: null,
    });
  });

  it.each([
    ['truncated JSON', new TextEncoder().encode('{"connections": [{"resourceName": "people/c1"')],
    ['bytes that are not UTF-8', new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
    ['a person without a resource name', body({ connections: [{ etag: 'x' }] })],
    ['a page that is not an object', body(['people/c1'])],
  ])('refuses %s as MALFORMED_RESPONSE', (_name, bytes) => {
    expect(isAppError(decodeError(bytes), 'MALFORMED_RESPONSE')).toBe(true);
  });
});
