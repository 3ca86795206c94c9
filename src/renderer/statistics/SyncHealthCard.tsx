/**
 * One account's sync health in plain words: each figure with a one-line explanation of the policy
 * behind it (pausing after failures, syncing less often, fetching only changes), and API calls
 * per run as the runs recorded them.
 */
import type { ReactNode } from 'react';
import type { AccountSyncHealth, RunCallFigures } from '../../shared/api/contract.js';
import type { SyncResource } from '../../shared/domain.js';
import { count, dateTime, duration, exactTime } from '../format.js';
import { skipReasonText } from '../history/run-words.js';
import './statistics.css';

const rate = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);

/** "58 (36–102 over 12 runs)"; one run has no range. */
export function callsText(figures: RunCallFigures | null | undefined): string {
  if (!figures) return 'No runs yet';
  const median = count(Math.round(figures.median));
  if (figures.runs === 1) return `${median} (1 run)`;
  const range =
    figures.min === figures.max ? '' : `${count(figures.min)}–${count(figures.max)} over `;
  return `${median} (${range}${count(figures.runs)} runs)`;
}

function Fact({ term, help, children }: { term: string; help?: string; children: ReactNode }) {
  return (
    <div className="health-fact">
      <dt>{term}</dt>
      <dd>
        {children}
        {help && <span className="health-help">{help}</span>}
      </dd>
    </div>
  );
}

function Pausing({ circuit }: { circuit: AccountSyncHealth['circuit'] }) {
  return circuit.open ? (
    <span className="badge badge-error" title={exactTime(circuit.openUntil)}>
      Paused after {circuit.consecutiveFailures} failed syncs
      {circuit.openUntil ? ` — until ${dateTime(circuit.openUntil)}` : ''}
    </span>
  ) : (
    <span className="badge badge-up-to-date">Not paused — syncs run normally</span>
  );
}

function signIn(token: AccountSyncHealth['token']): string {
  if (token.health === 'ok') return 'Signed in';
  return token.health === 'revoked'
    ? 'Access withdrawn — reconnect on the Status page'
    : 'Sign-in expired — reconnect on the Status page';
}

export function SyncHealthCard({
  health: a,
  calendarSync,
}: {
  health: AccountSyncHealth;
  calendarSync: boolean;
}) {
  const resources: SyncResource[] = calendarSync ? ['contacts', 'calendar'] : ['contacts'];
  const saved = Object.entries(a.apiCallsSaved.byReason)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${count(n)}: ${skipReasonText(reason).toLowerCase()}`);
  return (
    <article className="card health-card" aria-label={`Sync health of ${a.account}`}>
      <h3>{a.account}</h3>
      <dl className="health-facts">
        <Fact
          term="Pausing after failures"
          help="After 3 failed syncs in a row, automatic syncs pause for an hour so a problem does not flood Google; Sync Now still works."
        >
          <Pausing circuit={a.circuit} />
        </Fact>
        <Fact term="Sign-in">
          <span
            className={
              a.token.health === 'ok' ? 'badge badge-up-to-date' : 'badge badge-sign-in-needed'
            }
          >
            {signIn(a.token)}
          </span>
        </Fact>
        <Fact
          term="Syncs that succeeded"
          help="Last 7 / 30 days; skipped and cancelled not counted."
        >
          {rate(a.successRate7d)} / {rate(a.successRate30d)}
        </Fact>
        <Fact term="Typical sync time">{duration(a.medianDurationMs)}</Fact>
        {resources.map((resource) => (
          <Fact
            key={resource}
            term={`API calls per ${resource === 'contacts' ? 'contacts' : 'calendar'} sync`}
            help={
              resource === 'contacts'
                ? 'Median of the last 30 days. After the first copy, a sync asks Google only for what changed since the last one (a “sync token”), so a quiet sync costs about 2 calls.'
                : undefined
            }
          >
            {callsText(a.apiCallsPerRun?.[resource])}
          </Fact>
        ))}
        <Fact
          term="API calls saved"
          help="Automatic syncs skipped in the last 30 days — paused, not due, or after 5 syncs that found nothing, when syncing slows down until something changes (adaptive interval)."
        >
          {count(a.apiCallsSaved.total)}
          {saved.length > 0 && <span className="muted"> ({saved.join('; ')})</span>}
        </Fact>
      </dl>
    </article>
  );
}
