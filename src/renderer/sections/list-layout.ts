/**
 * Where each row and A–Z header of the virtualized contact list sits. Rows have one height and
 * headers another; a header comes before the first row of each section. With at most 28
 * sections, every position is a short search, so the list stays exact (scrollbar, jumps) at
 * 100,000 rows without measuring anything.
 */
import type { ContactLetter } from '../../shared/api/contract.js';

export interface ListLayout {
  /** The list's full height. */
  height: number;
  /** Top of row `index`. */
  top(index: number): number;
  /** Top of the header of `sections[i]`. */
  headerTop(i: number): number;
  /** The row at height `y` (a header counts as its section's first row). */
  indexAt(y: number): number;
}

export function listLayout(
  total: number,
  sections: readonly ContactLetter[],
  rowHeight: number,
  headerHeight: number,
): ListLayout {
  // Only sections that start inside the list: an answer for older rows may be on its way.
  const shown = sections.filter((s) => s.offset < total);
  /** How many headers sit above row `index` (those of sections starting at or before it). */
  const headersUpTo = (index: number) => {
    let count = 0;
    while (count < shown.length && shown[count]!.offset <= index) count++;
    return count;
  };
  const headerTop = (i: number) => shown[i]!.offset * rowHeight + i * headerHeight;
  return {
    height: total * rowHeight + shown.length * headerHeight,
    top: (index) => index * rowHeight + headersUpTo(index) * headerHeight,
    headerTop,
    indexAt(y) {
      let section = -1;
      while (section + 1 < shown.length && headerTop(section + 1) <= y) section++;
      const start = section < 0 ? 0 : headerTop(section) + headerHeight;
      const first = section < 0 ? 0 : shown[section]!.offset;
      const index = first + Math.floor(Math.max(0, y - start) / rowHeight);
      return Math.max(0, Math.min(total === 0 ? 0 : total - 1, index));
    },
  };
}
