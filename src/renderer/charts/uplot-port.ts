/**
 * The app's ChartPort: uPlot (1.6, ~50 KB, canvas, no dependencies). It is imported on first use,
 * so the Status page does not wait for it, and because uPlot reads `matchMedia` as it loads.
 * Colours and the font come from the page's CSS variables, and a chart is drawn again when the
 * system theme changes or its box is resized.
 */
import type uPlot from 'uplot';
import { formatValue } from './chart-format.js';
import type { ChartColor, ChartHandle, ChartPort, ChartSpec } from './chart-port.js';

const HEIGHT = 180;

let library: Promise<typeof uPlot> | null = null;
const loadUPlot = () => (library ??= import('uplot').then((module) => module.default));

function cssVariable(host: HTMLElement, name: string, fallback: string): string {
  return getComputedStyle(host).getPropertyValue(name).trim() || fallback;
}

function options(UPlot: typeof uPlot, host: HTMLElement, spec: ChartSpec): uPlot.Options {
  const color = (role: ChartColor) => cssVariable(host, `--chart-${role}`, '#888888');
  const muted = cssVariable(host, '--muted', '#666666');
  const grid = cssVariable(host, '--border', '#dddddd');
  const font = `12px ${getComputedStyle(host).fontFamily || 'sans-serif'}`;
  const format = (value: number | null | undefined) =>
    value === null || value === undefined ? '—' : formatValue(spec.unit, value);
  const bars = spec.kind === 'bars' ? UPlot.paths.bars?.({ size: [0.6, 28] }) : undefined;
  const last = spec.labels.length - 1;
  const yRange: uPlot.Scale.Range =
    spec.unit === 'percent'
      ? [0, 100]
      : spec.kind === 'bars' || spec.unit === 'duration'
        ? (_u, _min, max) => [0, Math.max(1, max) * 1.1]
        : (_u, min, max) => UPlot.rangeNum(min, max, 0.1, true);
  return {
    width: Math.max(200, host.clientWidth),
    height: HEIGHT,
    series: [
      // Away from the chart the legend tells the latest day's values; over it, the hovered day's.
      { label: 'Day', value: (_u, _v, _s, index) => spec.labels[index ?? last] ?? '' },
      ...spec.series.map((series): uPlot.Series => ({
        label: series.label,
        stroke: color(series.color),
        fill: spec.kind === 'bars' ? color(series.color) : undefined,
        width: 2,
        ...(series.dashed ? { dash: [6, 4] } : {}),
        ...(bars ? { paths: bars, points: { show: false } } : {}),
        // Days without a value: join the neighbours and mark the days that have one.
        ...(spec.kind === 'line' && series.values.includes(null)
          ? { spanGaps: true, points: { show: true, size: 6, fill: color(series.color) } }
          : {}),
        value: (_u, value, _s, index) => format(index === null ? series.values[last] : value),
      })),
    ],
    scales: { x: { time: false, range: [-0.5, last + 0.5] }, y: { range: yRange } },
    axes: [
      {
        stroke: muted,
        font,
        grid: { show: false },
        ticks: { stroke: grid },
        space: 64,
        incrs: [1, 2, 7, 14, 28, 56, 91, 182],
        values: (_u, splits) =>
          splits.map((i) => (Number.isInteger(i) ? (spec.labels[i] ?? '') : '')),
      },
      {
        stroke: muted,
        font,
        grid: { stroke: grid, width: 1 },
        ticks: { show: false },
        size: 64,
        values: (_u, splits) => splits.map((v) => format(v)),
      },
    ],
    legend: { show: true, live: true },
    cursor: { drag: { x: false, y: false } },
  };
}

/** Draws with uPlot; a theme change draws the chart anew (they are small). */
export const uplotChartPort: ChartPort = {
  mount(host: HTMLElement, spec: ChartSpec): ChartHandle {
    let chart: uPlot | null = null;
    let destroyed = false;
    const draw = () => {
      void loadUPlot().then((UPlot) => {
        if (destroyed) return;
        chart?.destroy();
        const x = spec.labels.map((_, i) => i);
        chart = new UPlot(
          options(UPlot, host, spec),
          [x, ...spec.series.map((s) => [...s.values])],
          host,
        );
      });
    };
    const dark = window.matchMedia('(prefers-color-scheme: dark)');
    dark.addEventListener('change', draw);
    const resize = new ResizeObserver(() => {
      if (chart && host.clientWidth > 0 && chart.width !== host.clientWidth) {
        chart.setSize({ width: host.clientWidth, height: HEIGHT });
      }
    });
    resize.observe(host);
    draw();
    return {
      destroy() {
        destroyed = true;
        dark.removeEventListener('change', draw);
        resize.disconnect();
        chart?.destroy();
        chart = null;
      },
    };
  },
};
