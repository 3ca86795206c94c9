import { deserialize, serialize } from 'node:v8';

/**
 * A page's items serialized into one buffer. The page-decoding thread sends contacts pages this
 * way so they pass through the main thread untouched: it transfers the buffer (no copy) to the
 * sync writer's thread, which is the one that reads it. Read here, a 1000-contact page costs the
 * main thread ~5–8 ms to receive and ~3 ms to send on (docs/PERFORMANCE.md).
 */
export interface PackedItems<T> {
  packed: Uint8Array;
  count: number;
  /** Never set: keeps the items' type with the buffer. */
  readonly __items?: T;
}

export type PageItems<T> = T[] | PackedItems<T>;

export function packItems<T>(items: T[]): PackedItems<T> {
  const buffer = serialize(items);
  // A buffer of its own, so transferring it moves nothing else.
  const packed =
    buffer.byteOffset === 0 && buffer.byteLength === buffer.buffer.byteLength
      ? new Uint8Array(buffer.buffer, 0, buffer.byteLength)
      : new Uint8Array(buffer);
  return { packed, count: items.length };
}

export const isPacked = <T>(items: PageItems<T>): items is PackedItems<T> => !Array.isArray(items);

export function unpackItems<T>(items: PageItems<T>): T[] {
  return isPacked(items) ? (deserialize(items.packed) as T[]) : items;
}

export const itemCount = <T>(items: PageItems<T>): number =>
  isPacked(items) ? items.count : items.length;

/** What postMessage may transfer instead of copying. */
export const transferables = <T>(items: PageItems<T>): ArrayBuffer[] =>
  isPacked(items) ? [items.packed.buffer as ArrayBuffer] : [];
