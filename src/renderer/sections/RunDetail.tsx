/**
 * One run of the History: its facts and the contacts it changed, from the journal. Escape
 * anywhere in the window closes it (History then focuses the run that opened it).
 */
import { useEffect, useRef, useState } from 'react';
import type {
  ChangedField,
  ContactsApi,
  RunChange,
  RunChanges,
} from '../../shared/api/contract.js';
import { assertNever, type SyncRun } from '../../shared/domain.js';
import { count, duration, exactTime } from '../format.js';
import { kindLabel, statusLabel, triggerLabel } from '../history/run-words.js';

/** Changes per request; "Show more" asks for the next page. */
export const RUN_CHANGES_PAGE = 100;

const FIELD_LABELS: Record<ChangedField, string> = {
  name: 'name',
  nickname: 'nickname',
  email: 'email',
  phone: 'phone',
  address: 'address',
  organization: 'organization',
  birthday: 'birthday',
  notes: 'notes',
  labels: 'labels',
  photo: 'photo',
  website: 'website',
  other: 'other details',
};

function describeChange(change: RunChange): string {
  switch (change.change) {
    case 'created':
      return 'Created';
    case 'deleted':
      return 'Deleted';
    case 'updated': {
      const fields = change.fieldsChanged?.map((f) => FIELD_LABELS[f]) ?? [];
      return fields.length ? `Updated: ${fields.join(', ')}` : 'Updated';
    }
    default:
      return assertNever(change.change);
  }
}

/** What the list cannot show, said plainly: calendar runs, first imports, quiet runs. */
function explanation(detail: RunChanges): string | null {
  const { run, unlisted, total } = detail;
  if (run.resource === 'calendar') {
    return 'Calendar runs are not listed contact by contact; the counts above cover calendars and events.';
  }
  if (detail.firstImport) {
    return `First import: ${count(unlisted.created)} contacts added. A first import is not listed contact by contact.`;
  }
  const other = unlisted.created + unlisted.updated + unlisted.deleted;
  if (other > 0) return `${count(other)} changes this run counted are not listed one by one.`;
  if (total === 0) return 'This run changed no contacts.';
  return null;
}

function Facts({ run }: { run: SyncRun }) {
  const facts: Array<[string, string]> = [
    ['Account', run.account],
    ['What', kindLabel(run.kind)],
    ['Started by', triggerLabel(run.trigger)],
    ['Status', statusLabel(run.status)],
    ['Duration', duration(run.durationMs)],
    ['Fetched', count(run.counts.fetched)],
    ['Created', count(run.counts.created)],
    ['Updated', count(run.counts.updated)],
    ['Deleted', count(run.counts.deleted)],
    ['API calls', count(run.apiCalls)],
  ];
  // A successful run's "error" is a notice (deletions withheld for the person's confirmation).
  // A cancel the person asked for is not an error either.
  if (run.error) facts.push([run.status === 'failed' ? 'Error' : 'Note', run.error.message]);
  return (
    <dl className="run-facts">
      {facts.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function RunDetail({
  api,
  runId,
  onClose,
}: {
  api: ContactsApi;
  runId: number;
  onClose: () => void;
}) {
  const [detail, setDetail] = useState<RunChanges | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let current = true; // a later selection wins over a slow answer for an earlier one
    setDetail(null);
    setError(null);
    void api.getRunChanges({ runId, limit: RUN_CHANGES_PAGE }).then((result) => {
      if (!current) return;
      if (result.ok) setDetail(result.value);
      else setError(result.error.message);
    });
    heading.current?.focus();
    return () => {
      current = false;
    };
  }, [api, runId]);

  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // A dialog or a field that used Escape for itself has called preventDefault.
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      close.current();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const showMore = async () => {
    if (!detail) return;
    setLoadingMore(true);
    const result = await api.getRunChanges({
      runId,
      offset: detail.changes.length,
      limit: RUN_CHANGES_PAGE,
    });
    setLoadingMore(false);
    if (result.ok) {
      setDetail({ ...result.value, changes: [...detail.changes, ...result.value.changes] });
    } else setError(result.error.message);
  };

  const title = detail ? `Run of ${exactTime(detail.run.startedAt) ?? ''}` : 'Run details';
  const note = detail && explanation(detail);
  return (
    <section id="run-detail" className="details run-detail" aria-labelledby="run-detail-title">
      <div className="run-detail-head">
        <h3 id="run-detail-title" ref={heading} tabIndex={-1}>
          {title}
        </h3>
        <button type="button" className="secondary" onClick={onClose}>
          Close details
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!detail && !error && <p className="muted">Loading the run’s changes…</p>}
      {detail && (
        <>
          <Facts run={detail.run} />
          {note && <p className="notice">{note}</p>}
          {detail.changes.length > 0 && (
            <>
              <ul className="run-changes" aria-label="Changed contacts">
                {detail.changes.map((c, i) => (
                  <li key={`${i}-${c.resourceName}`}>
                    <span className="run-change-name">{c.displayName ?? '(no name)'}</span>
                    <span className={`run-change run-change-${c.change}`}>{describeChange(c)}</span>
                    {c.previousDisplayName !== undefined && (
                      <span className="muted">was {c.previousDisplayName ?? '(no name)'}</span>
                    )}
                  </li>
                ))}
              </ul>
              <p className="muted" aria-live="polite">
                Showing {count(detail.changes.length)} of {count(detail.total)} changed contacts
              </p>
              {detail.changes.length < detail.total && (
                <button
                  type="button"
                  className="secondary"
                  onClick={() => void showMore()}
                  disabled={loadingMore}
                >
                  Show more
                </button>
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}
