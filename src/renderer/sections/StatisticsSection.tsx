/** Statistics: totals across accounts and each account's sync health. */
import { RUN_STATUSES, type Statistics } from '../../shared/domain.js';
import type { SyncHealth } from '../../shared/api/contract.js';
import { count, duration, exactTime } from '../format.js';

const rate = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);

/** Runs by outcome as horizontal bars; the numbers are in the text, the bars only show them. */
function RunsChart({ runs }: { runs: Statistics['runs'] }) {
  const entries = RUN_STATUSES.map((status) => [status, runs[status]] as const);
  const max = Math.max(1, ...entries.map(([, n]) => n));
  return (
    <section aria-labelledby="runs-heading" className="chart">
      <h3 id="runs-heading">Runs by outcome</h3>
      <dl>
        {entries.map(([status, n]) => (
          <div key={status} className="chart-row">
            <dt>{status}</dt>
            <dd>
              <span
                className={`chart-bar badge-run-${status}`}
                aria-hidden="true"
                style={{ width: `${(n / max) * 100}%` }}
              />
              <span className="chart-value">{count(n)}</span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function StatisticsSection({
  statistics,
  health,
}: {
  statistics: Statistics | null;
  health: SyncHealth | null;
}) {
  if (!statistics) return <p className="muted">Loading…</p>;
  const totals: Array<[string, number]> = [
    ['Active contacts', statistics.contacts.active],
    ['Deleted contacts', statistics.contacts.deleted],
    ['Phone numbers', statistics.phoneNumbers],
    ['Emails', statistics.emails],
    ['Labels', statistics.groups],
  ];
  return (
    <>
      <dl className="totals">
        {totals.map(([label, value]) => (
          <div key={label} className="total card">
            <dt>{label}</dt>
            <dd>{count(value)}</dd>
          </div>
        ))}
      </dl>
      <RunsChart runs={statistics.runs} />
      <h3>Sync health</h3>
      {!health || health.accounts.length === 0 ? (
        <p className="empty">
          No account yet. Connect one on the Status page to see its sync health.
        </p>
      ) : (
        <div className="cards">
          {health.accounts.map((a) => (
            <article key={a.accountId} className="card" aria-label={`Sync health of ${a.account}`}>
              <h4>{a.account}</h4>
              <dl className="facts">
                <dt>Circuit</dt>
                <dd>
                  {a.circuit.open ? (
                    <span className="badge badge-error" title={exactTime(a.circuit.openUntil)}>
                      open — paused after {a.circuit.consecutiveFailures} failures
                    </span>
                  ) : (
                    <span className="badge badge-up-to-date">closed</span>
                  )}
                </dd>
                <dt>Sign-in</dt>
                <dd>
                  <span
                    className={
                      a.token.health === 'ok'
                        ? 'badge badge-up-to-date'
                        : 'badge badge-sign-in-needed'
                    }
                  >
                    {a.token.health === 'ok' ? 'valid' : a.token.health}
                  </span>
                </dd>
                <dt>Success (7 / 30 days)</dt>
                <dd>
                  {rate(a.successRate7d)} / {rate(a.successRate30d)}
                </dd>
                <dt>Median duration</dt>
                <dd>{duration(a.medianDurationMs)}</dd>
                <dt>API calls per run</dt>
                <dd>{a.callsPerRun.toFixed(1)}</dd>
                <dt>API calls saved</dt>
                <dd>{count(a.apiCallsSaved.total)}</dd>
              </dl>
            </article>
          ))}
        </div>
      )}
    </>
  );
}
