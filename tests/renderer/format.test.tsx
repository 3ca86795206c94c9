/** The renderer's display helpers. */
import { describe, expect, it } from 'vitest';
import { duration } from '../../src/renderer/format.js';

describe('duration', () => {
  it('shows whole milliseconds (a median may be fractional), then seconds and minutes', () => {
    expect(duration(null)).toBe('—');
    expect(duration(100.5)).toBe('101 ms');
    expect(duration(999.4)).toBe('999 ms');
    expect(duration(999.6)).toBe('1.0 s');
    expect(duration(5_100)).toBe('5.1 s');
    expect(duration(125_000)).toBe('2 min 5 s');
  });
});
