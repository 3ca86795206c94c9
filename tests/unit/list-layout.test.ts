/** Rows and A–Z headers of the virtualized list: positions both ways, and the full height. */
import { describe, expect, it } from 'vitest';
import { listLayout } from '../../src/renderer/sections/list-layout.js';

const sections = [
  { letter: 'A', offset: 0, count: 3 },
  { letter: 'B', offset: 3, count: 1 },
  { letter: 'D', offset: 4, count: 6 },
];

describe('list layout', () => {
  it('puts a header before the first row of each section', () => {
    const layout = listLayout(10, sections, 50, 20);
    expect(layout.height).toBe(10 * 50 + 3 * 20);
    expect([0, 1, 2, 3, 4, 9].map((i) => layout.top(i))).toEqual([20, 70, 120, 190, 260, 510]);
    expect([0, 1, 2].map((i) => layout.headerTop(i))).toEqual([0, 170, 240]);
  });

  it('finds the row under any height, a header counting as its first row', () => {
    const layout = listLayout(10, sections, 50, 20);
    for (let index = 0; index < 10; index++) {
      expect(layout.indexAt(layout.top(index))).toBe(index);
      expect(layout.indexAt(layout.top(index) + 49)).toBe(index);
    }
    expect(layout.indexAt(0)).toBe(0);
    expect(layout.indexAt(175)).toBe(3);
    expect(layout.indexAt(10_000)).toBe(9);
  });

  it('is a plain list without sections, and ignores sections past the rows', () => {
    const plain = listLayout(5, [], 50, 20);
    expect(plain.height).toBe(250);
    expect(plain.top(4)).toBe(200);
    expect(plain.indexAt(199)).toBe(3);
    expect(listLayout(4, sections, 50, 20).height).toBe(4 * 50 + 2 * 20);
    expect(listLayout(0, sections, 50, 20).indexAt(100)).toBe(0);
  });
});
