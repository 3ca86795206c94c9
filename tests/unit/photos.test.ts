/** Photo URLs: Google's size options, which hosts may see the token, and the renderer's paths. */
import { describe, expect, it } from 'vitest';
import { sniffImageType } from '../../src/main/core/photos/photo-cache.js';
import {
  googlePhotoSource,
  isTrustedPhotoUrl,
  PhotoFetchError,
  sizedPhotoUrl,
} from '../../src/main/core/photos/photo-source.js';
import { parsePhotoPath, photoPath } from '../../src/shared/photos.js';

describe('sizedPhotoUrl', () => {
  it('replaces or adds the size options of the last path segment', () => {
    expect(sizedPhotoUrl('https://lh3.googleusercontent.com/cm/ABC=s100', 64)).toBe(
      'https://lh3.googleusercontent.com/cm/ABC=s64-c',
    );
    expect(sizedPhotoUrl('https://lh3.googleusercontent.com/contacts/ABC', 64)).toBe(
      'https://lh3.googleusercontent.com/contacts/ABC=s64-c',
    );
  });

  it('uses the sz query for the older URLs that end in a file name', () => {
    expect(
      sizedPhotoUrl('https://lh3.googleusercontent.com/-T_w/AAAI/AAB/s100/photo.jpg?sz=50', 64),
    ).toBe('https://lh3.googleusercontent.com/-T_w/AAAI/AAB/s100/photo.jpg?sz=64');
  });
});

describe('isTrustedPhotoUrl', () => {
  it("admits Google's image hosts over https and the configured test server only", () => {
    expect(isTrustedPhotoUrl('https://lh3.googleusercontent.com/a', null)).toBe(true);
    expect(isTrustedPhotoUrl('http://lh3.googleusercontent.com/a', null)).toBe(false);
    expect(isTrustedPhotoUrl('https://googleusercontent.com.evil.example/a', null)).toBe(false);
    expect(isTrustedPhotoUrl('https://evilgoogleusercontent.com/a', null)).toBe(false);
    expect(isTrustedPhotoUrl('http://127.0.0.1:9/a', 'http://127.0.0.1:9')).toBe(true);
    expect(isTrustedPhotoUrl('http://127.0.0.1:8/a', 'http://127.0.0.1:9')).toBe(false);
    expect(isTrustedPhotoUrl('not a url', null)).toBe(false);
  });

  it('never sends a request, with or without the token, to another host', async () => {
    const asked: string[] = [];
    const source = googlePhotoSource({
      headers: (url) => {
        asked.push(url);
        return Promise.resolve(new Headers({ authorization: 'Bearer secret' }));
      },
      timeouts: { connectMs: 1000, idleMs: 1000 },
      testOrigin: null,
      base: (input) => {
        asked.push(String(input));
        return Promise.resolve(new Response('x'));
      },
    });
    const error = await source
      .download('https://attacker.example/p.png', new AbortController().signal)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PhotoFetchError);
    expect((error as PhotoFetchError).permanent).toBe(true);
    expect(asked).toEqual([]);
  });
});

describe('redirects', () => {
  const sourceAnswering = (answers: Response[], asked: string[]) =>
    googlePhotoSource({
      headers: () => Promise.resolve(new Headers({ authorization: 'Bearer secret' })),
      timeouts: { connectMs: 1000, idleMs: 1000 },
      testOrigin: null,
      base: (input) => {
        asked.push(String(input));
        return Promise.resolve(answers.shift() ?? new Response(null, { status: 500 }));
      },
    });
  const moved = (location: string) => new Response(null, { status: 302, headers: { location } });

  it('follows one redirect to another Google image host, and none off them', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
    const asked: string[] = [];
    const source = sourceAnswering(
      [moved('https://lh4.googleusercontent.com/b'), new Response(png)],
      asked,
    );
    const photo = await source.download(
      'https://lh3.googleusercontent.com/a',
      new AbortController().signal,
    );
    expect(photo.contentType).toBe('image/png');
    expect(asked).toEqual([
      'https://lh3.googleusercontent.com/a=s192-c',
      'https://lh4.googleusercontent.com/b',
    ]);

    const refused: string[] = [];
    const error = await sourceAnswering([moved('https://attacker.example/x')], refused)
      .download('https://lh3.googleusercontent.com/a', new AbortController().signal)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'FORBIDDEN', permanent: true });
    expect(refused).toHaveLength(1);
  });
});

describe('photo paths', () => {
  it('round-trip a plain person', () => {
    const p = photoPath(3, 'people/c12345');
    expect(p).toBe('/photos/3/c12345');
    expect(parsePhotoPath(p as string)).toEqual({ accountId: 3, resourceName: 'people/c12345' });
  });

  it('refuse anything that could leave the folder or name another thing', () => {
    expect(photoPath(3, 'people/../x')).toBeNull();
    expect(photoPath(3, 'contactGroups/x')).toBeNull();
    expect(photoPath(0, 'people/c1')).toBeNull();
    for (const bad of ['/photos/1/..', '/photos/1/%2e%2e', '/photos/01/c1', '/photos/1/c1/']) {
      expect(parsePhotoPath(bad), bad).toBeNull();
    }
  });
});

describe('sniffImageType', () => {
  it('knows images by their first bytes, not by what the server says', () => {
    expect(sniffImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImageType(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffImageType(Buffer.from('<svg onload=alert(1)>'))).toBeNull();
  });
});
