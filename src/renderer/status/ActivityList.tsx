/** Activity: one line per finished run — when, which account, contacts or calendar, outcome. */
import type { SyncRun } from '../../shared/domain.js';
import { exactTime } from '../format.js';
import { runOutcome } from './story.js';
import { shortWhen } from './when.js';

export function ActivityList({ runs, now }: { runs: readonly SyncRun[]; now: Date }) {
  return (
    <section aria-labelledby="activity-heading">
      <h3 id="activity-heading">Activity</h3>
      {runs.length === 0 && <p className="muted">No sync has finished yet.</p>}
      <ol className="activity-runs" data-testid="activity">
        {runs.map((run, i) => {
          const at = run.finishedAt ?? run.startedAt;
          return (
            <li
              key={run.runId}
              data-outcome={run.status}
              data-testid={i === 0 ? 'last-run' : undefined}
            >
              <time dateTime={at} title={exactTime(at)}>
                {shortWhen(at, now)}
              </time>
              {' · '}
              <span className="run-account">{run.account}</span>
              {' · '}
              <span className="run-resource">{run.resource}</span>
              {' · '}
              <span className="run-outcome">{runOutcome(run)}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
