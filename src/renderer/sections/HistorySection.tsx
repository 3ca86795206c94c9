/**
 * History: the runs, filterable by account, resource and status, "Clear history", and a run's
 * detail, which Escape closes, giving focus back to the run that opened it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  RUN_STATUSES,
  SYNC_RESOURCES,
  type Account,
  type RunStatus,
  type SyncResource,
  type SyncRun,
} from '../../shared/domain.js';
import type { ContactsApi } from '../../shared/api/contract.js';
import { HistoryTable, type HistoryTableHandle } from '../history/HistoryTable.js';
import { RESOURCE_LABELS, statusLabel } from '../history/run-words.js';
import { RunDetail } from './RunDetail.js';

interface Filters {
  accountId: number | null;
  resource: SyncResource | null;
  status: RunStatus | null;
}

function FilterSelect<T extends string | number>(props: {
  label: string;
  anyLabel: string;
  value: T | null;
  options: ReadonlyArray<readonly [T, string]>;
  parse: (value: string) => T;
  onChange: (value: T | null) => void;
}) {
  return (
    <label>
      {props.label}{' '}
      <select
        value={props.value ?? ''}
        onChange={(e) => props.onChange(e.target.value ? props.parse(e.target.value) : null)}
      >
        <option value="">{props.anyLabel}</option>
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

export function HistorySection({
  api,
  accounts,
}: {
  api: ContactsApi;
  accounts: readonly Account[];
}) {
  const [runs, setRuns] = useState<SyncRun[] | null>(null);
  const [filters, setFilters] = useState<Filters>({
    accountId: null,
    resource: null,
    status: null,
  });
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  /** The run whose detail is open, below the table. */
  const [selected, setSelected] = useState<number | null>(null);
  const table = useRef<HistoryTableHandle>(null);
  // With one account its column would repeat the same address on every row of a wide table.
  const showAccount = accounts.length > 1;
  const { accountId, resource, status } = filters;
  const filtered = accountId !== null || resource !== null || status !== null;

  const load = useCallback(async () => {
    const result = await api.listHistory({
      limit: 200,
      ...(accountId !== null ? { accountId } : {}),
      ...(status !== null ? { status } : {}),
      ...(resource !== null ? { resource } : {}),
    });
    if (result.ok) {
      setRuns(result.value);
      setError(null);
    } else setError(result.error.message);
  }, [api, accountId, status, resource]);

  useEffect(() => {
    void load();
    return api.onRunFinished(() => void load());
  }, [api, load]);

  const closeDetail = () => {
    if (selected !== null) table.current?.focusRun(selected);
    setSelected(null);
  };

  const clear = async () => {
    setConfirming(false);
    setSelected(null); // the open run may be one of those cleared
    const result = await api.clearHistory();
    if (result.ok) void load();
    else setError(result.error.message);
  };

  return (
    <>
      <div className="toolbar history-filters">
        <FilterSelect
          label="Account"
          anyLabel="All accounts"
          value={accountId}
          options={accounts.map((a) => [a.id, a.email] as const)}
          parse={Number}
          onChange={(value) => setFilters({ ...filters, accountId: value })}
        />
        <FilterSelect
          label="Synced"
          anyLabel="Contacts and calendar"
          value={resource}
          options={SYNC_RESOURCES.map((r) => [r, RESOURCE_LABELS[r]] as const)}
          parse={(value) => value as SyncResource}
          onChange={(value) => setFilters({ ...filters, resource: value })}
        />
        <FilterSelect
          label="Status"
          anyLabel="Any status"
          value={status}
          options={RUN_STATUSES.map((s) => [s, statusLabel(s)] as const)}
          parse={(value) => value as RunStatus}
          onChange={(value) => setFilters({ ...filters, status: value })}
        />
        <div className="actions">
          {confirming ? (
            <>
              <span>Delete every run from the history?</span>
              <button type="button" className="danger" onClick={() => void clear()}>
                Yes, clear
              </button>
              <button type="button" className="secondary" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </>
          ) : (
            <button
              type="button"
              className="secondary"
              onClick={() => setConfirming(true)}
              disabled={!runs?.length}
            >
              Clear history
            </button>
          )}
        </div>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {runs && runs.length === 0 ? (
        <p className="empty">
          {filtered
            ? 'No runs match these filters. Choose “All accounts”, “Contacts and calendar” and “Any status” to see every run.'
            : 'No sync has run yet. Press Sync Now on the Status page to run the first one.'}
        </p>
      ) : (
        runs && (
          <HistoryTable
            ref={table}
            runs={runs}
            showAccount={showAccount}
            selected={selected}
            onSelect={setSelected}
          />
        )
      )}
      {selected !== null && <RunDetail api={api} runId={selected} onClose={closeDetail} />}
    </>
  );
}
