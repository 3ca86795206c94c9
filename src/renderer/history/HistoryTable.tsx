/**
 * History's table of runs. Wide, every fact has its column; in a narrow window (a container
 * query in history.css) the secondary columns are hidden and the same facts show on a second
 * line under each run, so nothing scrolls sideways down to 800 px. Only one of the two forms is
 * displayed at a time, so a screen reader hears each fact once.
 */
import { forwardRef, useImperativeHandle, useRef } from 'react';
import type { SyncRun } from '../../shared/domain.js';
import { count, dateTime, duration, exactTime } from '../format.js';
import { kindLabel, RESOURCE_LABELS, runReason, statusLabel, triggerLabel } from './run-words.js';
import './history.css';

export interface HistoryTableHandle {
  /** Focus the button that opens a run's details (after its details close). */
  focusRun: (runId: number) => void;
}

interface Props {
  runs: readonly SyncRun[];
  showAccount: boolean;
  selected: number | null;
  onSelect: (runId: number | null) => void;
}

/** "3 created, 2 updated, 1 deleted · 36 API calls": the second line's counts. */
function countsLine(run: SyncRun): string {
  const { created, updated, deleted } = run.counts;
  const changes = [
    created ? `${count(created)} created` : '',
    updated ? `${count(updated)} updated` : '',
    deleted ? `${count(deleted)} deleted` : '',
  ].filter(Boolean);
  return [
    changes.length ? changes.join(', ') : 'no changes',
    `${count(run.apiCalls)} API ${run.apiCalls === 1 ? 'call' : 'calls'}`,
  ].join(' · ');
}

export const HistoryTable = forwardRef<HistoryTableHandle, Props>(function HistoryTable(
  { runs, showAccount, selected, onSelect },
  ref,
) {
  const buttons = useRef(new Map<number, HTMLButtonElement>());
  useImperativeHandle(ref, () => ({ focusRun: (runId) => buttons.current.get(runId)?.focus() }));
  const columns = 11 + (showAccount ? 1 : 0);
  return (
    <div className="table-wrap history-wrap" data-testid="history-table">
      <table className="runs">
        <caption className="visually-hidden">Sync runs, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            {showAccount && <th scope="col">Account</th>}
            <th scope="col">Synced</th>
            <th scope="col" className="wide-only">
              What
            </th>
            <th scope="col" className="wide-only">
              Started by
            </th>
            <th scope="col">Status</th>
            <th scope="col">Duration</th>
            <th scope="col" className="num wide-only">
              Created
            </th>
            <th scope="col" className="num wide-only">
              Updated
            </th>
            <th scope="col" className="num wide-only">
              Deleted
            </th>
            <th scope="col" className="num wide-only">
              API calls
            </th>
            <th scope="col" className="wide-only">
              Reason
            </th>
          </tr>
        </thead>
        {runs.map((run) => {
          const reason = runReason(run);
          return (
            <tbody key={run.runId} className={selected === run.runId ? 'selected' : undefined}>
              <tr>
                <td title={exactTime(run.startedAt)}>
                  <button
                    type="button"
                    className="link"
                    ref={(el) => {
                      if (el) buttons.current.set(run.runId, el);
                      else buttons.current.delete(run.runId);
                    }}
                    aria-label={`Show details of the run at ${dateTime(run.startedAt)}`}
                    aria-expanded={selected === run.runId}
                    aria-controls={selected === run.runId ? 'run-detail' : undefined}
                    onClick={() => onSelect(selected === run.runId ? null : run.runId)}
                  >
                    {dateTime(run.startedAt)}
                  </button>
                </td>
                {showAccount && <td className="account-cell">{run.account}</td>}
                <td>{RESOURCE_LABELS[run.resource]}</td>
                <td className="wide-only">{kindLabel(run.kind)}</td>
                <td className="wide-only">{triggerLabel(run.trigger)}</td>
                <td>
                  <span className={`badge badge-run-${run.status}`}>{statusLabel(run.status)}</span>
                </td>
                <td>{duration(run.durationMs)}</td>
                <td className="num wide-only">{count(run.counts.created)}</td>
                <td className="num wide-only">{count(run.counts.updated)}</td>
                <td className="num wide-only">{count(run.counts.deleted)}</td>
                <td className="num wide-only">{count(run.apiCalls)}</td>
                <td className="wide-only">{reason}</td>
              </tr>
              <tr className="narrow-only run-second-line">
                <td colSpan={columns}>
                  {kindLabel(run.kind)} · {triggerLabel(run.trigger)} · {countsLine(run)}
                  {reason && <span className="run-reason"> · {reason}</span>}
                </td>
              </tr>
            </tbody>
          );
        })}
      </table>
    </div>
  );
});
