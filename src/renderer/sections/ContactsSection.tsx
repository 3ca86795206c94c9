/**
 * Contacts: search as you type (debounced, stale answers discarded), a virtualized list of the
 * matches, and a details pane with copy buttons.
 */
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import type { ContactSummary } from '../../shared/domain.js';
import type { ContactDetail, ContactsApi } from '../../shared/api/contract.js';
import { count, humanize } from '../format.js';

export const SEARCH_DEBOUNCE_MS = 150;
/** The most the API answers per call. */
export const SEARCH_LIMIT = 500;
const ROW_HEIGHT = 52;
const OVERSCAN = 8;

export interface ContactRow extends ContactSummary {
  accountId: number;
}

/**
 * Debounced search whose answers are only kept when they belong to the latest query.
 * Searches each account separately so every row knows its account (getContact needs it).
 */
export function useContactSearch(api: ContactsApi, accountIds: readonly number[] | null) {
  const [text, setText] = useState('');
  const [rows, setRows] = useState<ContactRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  const accountKey = accountIds?.join(',') ?? null;

  useEffect(() => {
    if (accountKey === null) return; // accounts not known yet
    const ticket = ++latest.current;
    const ids = accountKey ? accountKey.split(',').map(Number) : [];
    const timer = setTimeout(() => {
      void Promise.all(
        ids.map((accountId) => api.searchContacts({ text, limit: SEARCH_LIMIT, accountId })),
      ).then((results) => {
        if (ticket !== latest.current) return; // a newer query is on its way
        const failed = results.find((r) => !r.ok);
        if (failed && !failed.ok) {
          setError(failed.error.message);
          return;
        }
        setError(null);
        setRows(
          results.flatMap((r, i) =>
            r.ok ? r.value.map((c) => ({ ...c, accountId: ids[i]! })) : [],
          ),
        );
      });
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [api, text, accountKey]);

  return { text, setText, rows, error };
}

const rowTitle = (row: ContactSummary): string =>
  row.displayName ?? row.emails[0] ?? row.phones[0] ?? '(no name)';

function VirtualList({
  rows,
  selected,
  onSelect,
}: {
  rows: ContactRow[];
  selected: string | null;
  onSelect: (row: ContactRow) => void;
}) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useEffect(() => {
    const element = viewport.current;
    if (!element) return;
    setHeight(element.clientHeight || 600);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight || 600));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);

  // Roving focus: one row is the list's tab stop; arrows, Page keys, Home and End move it.
  const [active, setActive] = useState(0);
  const focusPending = useRef(false);
  useEffect(() => setActive(0), [rows]);
  const tabStop = active >= first && active < last ? active : first;

  useEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    viewport.current?.querySelector<HTMLButtonElement>(`[data-index="${active}"]`)?.focus();
  }, [active, first]);

  const move = (next: number) => {
    const index = Math.max(0, Math.min(rows.length - 1, next));
    const element = viewport.current;
    if (element) {
      const top = index * ROW_HEIGHT;
      if (top < element.scrollTop) element.scrollTop = top;
      else if (top + ROW_HEIGHT > element.scrollTop + height)
        element.scrollTop = top + ROW_HEIGHT - height;
      setScrollTop(element.scrollTop);
    }
    focusPending.current = true;
    setActive(index);
    const row = rows[index];
    if (row) onSelect(row);
  };

  const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
  const onKeyDown = (event: KeyboardEvent) => {
    const step: Record<string, number> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: page,
      PageUp: -page,
      Home: -rows.length,
      End: rows.length,
    };
    const delta = step[event.key];
    if (delta === undefined || rows.length === 0) return;
    event.preventDefault();
    move(active + delta);
  };

  return (
    <div
      ref={viewport}
      className="contact-list"
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
      data-testid="contact-list"
    >
      <ul aria-label="Contacts" style={{ height: rows.length * ROW_HEIGHT }}>
        {rows.slice(first, last).map((row, i) => {
          const key = `${row.accountId}/${row.resourceName}`;
          const index = first + i;
          return (
            <li key={key} style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }}>
              <button
                type="button"
                data-index={index}
                tabIndex={index === tabStop ? 0 : -1}
                className={selected === key ? 'contact-row selected' : 'contact-row'}
                aria-current={selected === key ? 'true' : undefined}
                onClick={() => {
                  setActive(index);
                  onSelect(row);
                }}
              >
                <span className="name">{rowTitle(row)}</span>
                <span className="sub">
                  {[row.emails[0], row.phones[0]]
                    .filter((part) => part && part !== rowTitle(row))
                    .join(' · ')}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="copy"
      aria-label={`Copy ${label}`}
      onClick={() => {
        void navigator.clipboard?.writeText(value).then(() => setCopied(true));
        setTimeout(() => setCopied(false), 1500);
      }}
    >
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}

function Field({
  label,
  value,
  copy = true,
}: {
  label: string;
  value: string | null;
  copy?: boolean;
}): ReactNode {
  if (!value) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>
        <span className="value">{value}</span>
        {copy && <CopyButton value={value} label={label.toLowerCase()} />}
      </dd>
    </>
  );
}

const typed = (label: string, type: string | null) =>
  type ? `${label} (${humanize(type)})` : label;

/** The given and family name, when they say more than the display name. */
function fullName(c: ContactDetail): string | null {
  const name = [c.givenName, c.familyName].filter(Boolean).join(' ');
  return name && name !== c.displayName ? name : null;
}

function Details({ contact }: { contact: ContactDetail }) {
  return (
    <article className="details" aria-label="Contact details">
      <h3>{contact.displayName ?? '(no name)'}</h3>
      <dl className="facts">
        <Field label="Name" value={fullName(contact)} />
        <Field label="Nickname" value={contact.nickname} />
        {contact.phones.map((p, i) => (
          <Field key={`p${i}`} label={typed('Phone', p.type)} value={p.e164 ?? p.raw} />
        ))}
        {contact.emails.map((e, i) => (
          <Field key={`e${i}`} label={typed('Email', e.type)} value={e.value} />
        ))}
        {contact.addresses.map((a, i) => (
          <Field
            key={`a${i}`}
            label={typed('Address', a.type)}
            value={
              a.formatted ??
              ([a.street, a.city, a.region, a.postalCode, a.country].filter(Boolean).join(', ') ||
                null)
            }
          />
        ))}
        <Field
          label="Organization"
          value={[contact.organization, contact.title].filter(Boolean).join(' · ') || null}
        />
        <Field label="Birthday" value={contact.birthday} />
        <Field label="Notes" value={contact.notes} />
        <Field label="Labels" value={contact.labels.map((l) => l.name).join(', ') || null} />
      </dl>
    </article>
  );
}

export function ContactsSection({
  api,
  accountIds,
}: {
  api: ContactsApi;
  accountIds: readonly number[] | null;
}) {
  const { text, setText, rows, error } = useContactSearch(api, accountIds);
  const [selected, setSelected] = useState<ContactRow | null>(null);
  const [detail, setDetail] = useState<ContactDetail | null>(null);
  const [detailError, setDetailError] = useState<string | null>(null);
  const latestDetail = useRef('');

  const select = useCallback(
    async (row: ContactRow) => {
      const key = `${row.accountId}/${row.resourceName}`;
      latestDetail.current = key;
      setSelected(row);
      const result = await api.getContact({
        accountId: row.accountId,
        resourceName: row.resourceName,
      });
      if (latestDetail.current !== key) return;
      if (result.ok) {
        setDetail(result.value);
        setDetailError(null);
      } else {
        setDetail(null);
        setDetailError(result.error.message);
      }
    },
    [api],
  );

  const selectedKey = selected ? `${selected.accountId}/${selected.resourceName}` : null;

  return (
    <div className="contacts">
      <div className="contacts-master">
        <input
          type="search"
          aria-label="Search contacts"
          placeholder="Search by name, email, phone…"
          value={text}
          onChange={(e) => setText(e.target.value)}
          autoFocus
        />
        <p className="muted result-count" aria-live="polite" data-testid="result-count">
          {rows === null
            ? 'Loading…'
            : rows.length >= SEARCH_LIMIT
              ? `First ${count(rows.length)} matches — type to narrow`
              : `${count(rows.length)} ${rows.length === 1 ? 'contact' : 'contacts'}`}
        </p>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {accountIds?.length === 0 ? (
          <p className="empty">
            No contacts yet. Connect a Google account on the Status page, then press Sync Now.
          </p>
        ) : rows && rows.length === 0 ? (
          <p className="empty">
            {text
              ? `Nothing matches “${text}”. Try fewer letters or another spelling.`
              : 'No contacts yet. Press Sync Now on the Status page.'}
          </p>
        ) : (
          <VirtualList
            rows={rows ?? []}
            selected={selectedKey}
            onSelect={(row) => void select(row)}
          />
        )}
      </div>
      <div className="contacts-detail">
        {detailError && (
          <p className="error" role="alert">
            {detailError}
          </p>
        )}
        {detail ? (
          <Details contact={detail} />
        ) : (
          !detailError && <p className="empty">Select a contact to see every field.</p>
        )}
      </div>
    </div>
  );
}
