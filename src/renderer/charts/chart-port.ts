/**
 * What a chart on screen needs, apart from how it is drawn: the Statistics section describes each
 * chart as a `ChartSpec` and hands it to a `ChartPort`. The app's port draws with uPlot on a
 * canvas; tests hand in a typed fake (jsdom has no canvas), and without canvas support there is
 * no port at all: the figures then show their numbers as a table only.
 */
/** Colours are named by role; the port reads each from a CSS variable, per theme. */
export const CHART_COLORS = ['contacts', 'calendar', 'ok', 'danger', 'muted'] as const;
export type ChartColor = (typeof CHART_COLORS)[number];

export interface ChartSeries {
  label: string;
  /** One value per day; null where there is nothing to show (a gap, not a zero). */
  values: ReadonlyArray<number | null>;
  color: ChartColor;
  dashed?: boolean;
}

export type ChartUnit = 'count' | 'duration' | 'percent';

export interface ChartSpec {
  /** One label per x position (a day), e.g. "29 Mar". */
  labels: readonly string[];
  series: readonly ChartSeries[];
  kind: 'line' | 'bars';
  unit: ChartUnit;
}

export interface ChartHandle {
  destroy(): void;
}

export interface ChartPort {
  /** Draws `spec` into `host` (an empty element the figure owns) until destroyed; a changed
   * spec is drawn by destroying and mounting again. */
  mount(host: HTMLElement, spec: ChartSpec): ChartHandle;
}

/** Canvas 2D, checked without creating a context (jsdom would log "not implemented"). */
export function supportsCanvas(): boolean {
  return (
    typeof window !== 'undefined' &&
    typeof window.CanvasRenderingContext2D === 'function' &&
    typeof window.matchMedia === 'function'
  );
}
