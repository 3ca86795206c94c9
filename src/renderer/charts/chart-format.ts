/** How a chart's values read, on its axis, in its legend and in its table. */
import { count, duration } from '../format.js';
import type { ChartUnit } from './chart-port.js';

export function formatValue(unit: ChartUnit, value: number): string {
  switch (unit) {
    case 'count':
      return count(Math.round(value));
    case 'duration':
      return duration(Math.round(value));
    case 'percent':
      return `${Math.round(value)}%`;
  }
}
