/**
 * Serialized Persons, cached per contact. Generating, serializing and encoding a contact costs
 * ~60 µs, which in the sync benchmark would compete for the client's CPU (real Google's never
 * does); served from here, a page of 1000 costs ~1 ms. Bytes rather than strings: a page's string
 * turns two-byte as soon as one name has a non-Latin-1 letter, and encoding that to UTF-8 took
 * ~9 ms a page.
 */
import type { ContactRecord } from './types.js';

/**
 * Upper bound on cached bytes: a 100k listing of every field takes ~160 MB, so the benchmark's
 * repeated listings are served from the cache; beyond it contacts are serialized every time.
 */
const MAX_BYTES = 256 * 1024 * 1024;

/** A record's Person as UTF-8 JSON for one personFields mask, valid while its seq is unchanged. */
interface Entry {
  seq: number;
  maskKey: string;
  bytes: Buffer;
}

export class WireCache {
  private entries: (Entry | undefined)[] = [];
  private size = 0;

  /**
   * The cached bytes of `rec` under the mask named `maskKey`, else `serialize()`'s, kept. Every
   * change to a record bumps its seq, so (uid, seq, mask) keys the bytes as long as the owner
   * calls `clear` whenever it reuses seqs (reseeding).
   */
  get(rec: ContactRecord, maskKey: string, serialize: () => string): Buffer {
    const hit = this.entries[rec.uid];
    if (hit && hit.seq === rec.seq && hit.maskKey === maskKey) return hit.bytes;
    const bytes = Buffer.from(serialize(), 'utf8');
    const freed = hit ? hit.bytes.length : 0;
    if (this.size - freed + bytes.length <= MAX_BYTES) {
      this.entries[rec.uid] = { seq: rec.seq, maskKey, bytes };
      this.size += bytes.length - freed;
    }
    return bytes;
  }

  clear(): void {
    this.entries = [];
    this.size = 0;
  }
}
