/** Small display helpers shared by the sections. */
export const count = (n: number): string => n.toLocaleString('en-US');

/** The exact local time of an ISO instant, for `title` tooltips. */
export function exactTime(iso: string | null): string | undefined {
  return iso ? new Date(iso).toLocaleString() : undefined;
}

export function duration(ms: number | null): string {
  if (ms === null) return '—';
  // A median of two runs may be fractional: "100.5 ms" reads as noise.
  if (Math.round(ms) < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

export const humanize = (value: string): string => value.replaceAll('_', ' ');
