/**
 * "Show deleted contacts": contacts deleted in Google that the local copy keeps, newest deletion
 * first, each with when and by which sync run. Their details stay readable; a selection exports
 * as a vCard that Google Contacts imports back (Contacts → Import).
 */
import { useEffect, useRef, useState } from 'react';
import type { ContactDetail, ContactsApi, DeletedContact } from '../../../shared/api/contract.js';
import { count, exactTime } from '../../format.js';
import { ContactDetails } from '../ContactDetails.js';
import { ExportDialog } from './ExportDialog.js';

/** Rows asked for at once; more than this many deletions are listed newest first, the rest counted. */
export const DELETED_PAGE = 500;

const keyOf = (c: { accountId: number; resourceName: string }) =>
  `${c.accountId}/${c.resourceName}`;
const nameOf = (c: DeletedContact) => c.displayName ?? c.emails[0] ?? c.phones[0] ?? '(no name)';

function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function DeletedContacts({
  api,
  dataVersion,
  onBack,
}: {
  api: ContactsApi;
  dataVersion: number;
  onBack: () => void;
}) {
  const [rows, setRows] = useState<DeletedContact[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const [shown, setShown] = useState<ContactDetail | null>(null);
  const [exporting, setExporting] = useState(false);
  const latest = useRef('');

  useEffect(() => {
    let current = true;
    void api.listDeletedContacts({ limit: DELETED_PAGE }).then((result) => {
      if (!current) return;
      if (!result.ok) return setError(result.error.message);
      setRows(result.value.contacts);
      setTotal(result.value.total);
      const present = new Set(result.value.contacts.map(keyOf));
      setChecked((before) => new Set([...before].filter((k) => present.has(k))));
    });
    return () => {
      current = false;
    };
  }, [api, dataVersion]);

  const show = (row: DeletedContact) => {
    const key = keyOf(row);
    latest.current = key;
    void api
      .getContact({ accountId: row.accountId, resourceName: row.resourceName })
      .then((result) => {
        if (latest.current !== key) return;
        setShown(result.ok ? result.value : null);
        setError(result.ok ? null : result.error.message);
      });
  };

  const toggle = (key: string) =>
    setChecked((before) => {
      const next = new Set(before);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  const all = rows !== null && rows.length > 0 && rows.every((r) => checked.has(keyOf(r)));
  const selection = (rows ?? []).filter((r) => checked.has(keyOf(r)));

  return (
    <div className="contacts deleted-contacts">
      <div className="contacts-master">
        <div className="contacts-toolbar">
          <button type="button" className="secondary" onClick={onBack}>
            Back to contacts
          </button>
          <button
            type="button"
            disabled={selection.length === 0}
            onClick={() => setExporting(true)}
          >
            {`Export selected (${count(selection.length)})`}
          </button>
        </div>
        <h3 className="deleted-title">Deleted in Google</h3>
        <p className="muted result-count" aria-live="polite" data-testid="deleted-count">
          {rows === null
            ? 'Loading…'
            : `${count(total)} deleted ${total === 1 ? 'contact' : 'contacts'}` +
              (total > rows.length ? ` (the ${count(rows.length)} most recent shown)` : '')}
        </p>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {rows?.length === 0 ? (
          <p className="empty">No contacts were deleted in Google since this copy was made.</p>
        ) : (
          rows && (
            <>
              <label className="choice">
                <input
                  type="checkbox"
                  checked={all}
                  onChange={() => setChecked(all ? new Set() : new Set(rows.map(keyOf)))}
                />
                Select all
              </label>
              <ul className="deleted-list" aria-label="Deleted contacts">
                {rows.map((row) => (
                  <li key={keyOf(row)} className="deleted-row">
                    <input
                      type="checkbox"
                      aria-label={`Select ${nameOf(row)}`}
                      checked={checked.has(keyOf(row))}
                      onChange={() => toggle(keyOf(row))}
                    />
                    <button type="button" className="link" onClick={() => show(row)}>
                      <span className="name">{nameOf(row)}</span>
                      <span className="muted" title={exactTime(row.deletedAt)}>
                        {`Deleted ${when(row.deletedAt)}` +
                          (row.runId !== null ? ` · sync run #${row.runId}` : '')}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )
        )}
      </div>
      <div className="contacts-detail">
        {shown ? (
          <ContactDetails contact={shown} />
        ) : (
          <p className="empty">
            Select a deleted contact to read it. To restore contacts, select them, export them as
            vCard and import the file in Google Contacts.
          </p>
        )}
      </div>
      {exporting && (
        <ExportDialog
          api={api}
          context={{ filterName: null, text: '', selection }}
          onClose={() => setExporting(false)}
        />
      )}
    </div>
  );
}
