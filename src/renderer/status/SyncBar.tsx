/**
 * The live run in the bar: how far it got, a waiting retry counting down, or "Cancelling…" from
 * the moment Cancel is pressed. Always takes its space, so nothing jumps when a sync starts.
 */
import type { AppStatus } from '../../shared/api/contract.js';
import { phaseNoun, progressPercent, waitingRetry } from '../../shared/api/status-text.js';
import { count } from '../format.js';
import { retryWaitText } from './story.js';

export function SyncBar({
  status,
  syncing,
  cancelling,
  now,
}: {
  status: AppStatus | null;
  syncing: boolean;
  cancelling: boolean;
  now: Date;
}) {
  const progress = status?.progress ?? [];
  const percent = cancelling ? null : progressPercent(progress);
  const fetched = progress.filter((p) => p.phase !== 'labels').reduce((n, p) => n + p.fetched, 0);
  const noun = phaseNoun(progress.find((p) => p.phase !== 'labels')?.phase ?? 'contacts');
  const retry = waitingRetry(progress);
  const text = cancelling
    ? 'Cancelling…'
    : `${count(fetched)} ${noun} fetched${percent !== null ? ` · ${percent}%` : ''}${retry ? ` · ${retryWaitText(retry, now)}` : ''}`;
  return (
    <div className="progress-slot" data-testid="progress">
      {syncing && (
        <>
          <div
            role="progressbar"
            aria-label="Sync progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent ?? undefined}
            aria-valuetext={percent === null ? text : `${percent}%`}
            className={`progressbar${cancelling ? ' cancelling' : ''}`}
          >
            <div
              className={percent === null ? 'bar indeterminate' : 'bar'}
              style={{ width: `${percent ?? 30}%` }}
            />
          </div>
          <p className="progress-text" data-testid="progress-text">
            {text}
          </p>
        </>
      )}
    </div>
  );
}
