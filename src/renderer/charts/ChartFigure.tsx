/**
 * One chart as a figure: a caption with its title and a sentence saying what it shows, the
 * drawing (hidden from screen readers: it repeats the numbers), and the numbers per day in a
 * table behind "Numbers per day", open when nothing can be drawn.
 */
import { createContext, useContext, useEffect, useRef } from 'react';
import { supportsCanvas, type ChartPort } from './chart-port.js';
import type { ChartModel } from './timeline-charts.js';
import { uplotChartPort } from './uplot-port.js';
import './charts.css';

/** The port figures draw with: uPlot where canvas exists; tests provide a fake one. */
export const ChartPortContext = createContext<ChartPort | null>(
  supportsCanvas() ? uplotChartPort : null,
);

export function ChartFigure({ model }: { model: ChartModel }) {
  const port = useContext(ChartPortContext);
  const host = useRef<HTMLDivElement>(null);
  const draw = port !== null && model.empty === null;

  useEffect(() => {
    if (!draw || !host.current) return;
    const chart = port.mount(host.current, model.spec);
    return () => chart.destroy();
  }, [draw, port, model.spec]);

  const titleId = `chart-${model.id}-title`;
  const summaryId = `chart-${model.id}-summary`;
  return (
    <figure className="chart-figure card" aria-labelledby={titleId} aria-describedby={summaryId}>
      <figcaption>
        <h4 id={titleId}>{model.title}</h4>
        <p id={summaryId} className="chart-summary">
          {model.summary}
        </p>
      </figcaption>
      {model.empty !== null ? (
        <p className="empty">{model.empty}</p>
      ) : (
        <>
          {draw && <div ref={host} className="chart-canvas" aria-hidden="true" />}
          <details className="chart-data" open={!draw}>
            <summary>Numbers per day</summary>
            <div className="chart-table">
              <table>
                <caption className="visually-hidden">{model.title}, per day</caption>
                <thead>
                  <tr>
                    <th scope="col">Day</th>
                    {model.spec.series.map((s) => (
                      <th key={s.label} scope="col" className="num">
                        {s.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {model.rows.map((row) => (
                    <tr key={row.date}>
                      <th scope="row">{row.date}</th>
                      {row.cells.map((cell, i) => (
                        <td key={model.spec.series[i]?.label ?? i} className="num">
                          {cell}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </figure>
  );
}
