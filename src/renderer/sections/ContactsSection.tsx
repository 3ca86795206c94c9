/**
 * Contacts: every contact of every account in one virtualized list, loaded page by page as it
 * scrolls; search as you type (stale answers discarded); filters by label and account; and a
 * details pane with copy buttons.
 */
import { usePhotoVersion } from '../components/photo-version.js';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { ContactDetail, ContactsApi, Label } from '../../shared/api/contract.js';
import type { Account, ContactSummary } from '../../shared/domain.js';
import { count } from '../format.js';
import { AlphabetIndex } from './AlphabetIndex.js';
import { ContactDetails } from './ContactDetails.js';
import { ContactList, rowKey, type JumpRequest } from './ContactList.js';
import { SortChoice, useContactPreferences } from './ContactOrder.js';
import { noMatchMessage } from './contacts-empty.js';
import { useContactLetters } from './useContactLetters.js';
import { useContactSearch } from './useContactSearch.js';
import { ContactsToolbar } from './contacts/ContactsToolbar.js';
import { DeletedContacts } from './contacts/DeletedContacts.js';

export { SEARCH_DEBOUNCE_MS, PAGE_SIZE, SEARCH_PAUSE_MS } from './useContactSearch.js';

const labelValue = (label: Label) => `${label.accountId} ${label.resourceName}`;

/**
 * Labels of every account, for the label filter; refreshed when the accounts change. Asked only
 * once the list has its first rows: counting every label's members takes the core about 300 ms
 * at 100,000 contacts, and calls are answered one after the other.
 */
function useLabels(api: ContactsApi, accountKey: string, listShown: boolean) {
  const [labels, setLabels] = useState<Label[]>([]);
  useEffect(() => {
    if (!listShown) return;
    let current = true;
    void api.listLabels().then((result) => {
      if (current && result.ok) setLabels(result.value);
    });
    return () => {
      current = false;
    };
  }, [api, accountKey, listShown]);
  return labels;
}

function Filters({
  accounts,
  labels,
  accountId,
  label,
  onAccount,
  onLabel,
  children,
}: {
  accounts: readonly Account[];
  labels: readonly Label[];
  accountId: number | undefined;
  label: Label | undefined;
  onAccount: (accountId: number | undefined) => void;
  onLabel: (label: Label | undefined) => void;
  children?: ReactNode;
}) {
  const several = accounts.length > 1;
  const email = (id: number) => accounts.find((a) => a.id === id)?.email ?? '';
  const shown = labels.filter((l) => accountId === undefined || l.accountId === accountId);
  return (
    <div className="contact-filters">
      {several && (
        <label>
          Account
          <select
            value={accountId ?? ''}
            onChange={(e) => onAccount(e.target.value ? Number(e.target.value) : undefined)}
          >
            <option value="">All accounts</option>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.status === 'disconnected' ? `${a.email} (disconnected)` : a.email}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Label
        <select
          value={label ? labelValue(label) : ''}
          onChange={(e) => onLabel(shown.find((l) => labelValue(l) === e.target.value))}
        >
          <option value="">All labels</option>
          {shown.map((l) => (
            <option key={labelValue(l)} value={labelValue(l)}>
              {`${l.name} (${count(l.memberCount)})` +
                (several && accountId === undefined ? ` · ${email(l.accountId)}` : '')}
            </option>
          ))}
        </select>
      </label>
      {children}
    </div>
  );
}

export function ContactsSection({
  api,
  accountIds,
  accounts = [],
  dataVersion = 0,
  focusSearch = 0,
}: {
  api: ContactsApi;
  /** Accounts that are not disconnected; null until the status is known. */
  accountIds: readonly number[] | null;
  /** Every account, for the account filter (shown when there is more than one). */
  accounts?: readonly Account[];
  /** Changes when a sync has finished, so the rows on screen reload. */
  dataVersion?: number;
  /** Changes when the person asks for the search box (the `/` key): it takes the focus. */
  focusSearch?: number;
}) {
  const [accountId, setAccountId] = useState<number | undefined>(undefined);
  const [label, setLabel] = useState<Label | undefined>(undefined);
  // A label belongs to one account: picking it narrows the search to that account too.
  const scope = accountId ?? label?.accountId;
  const { sort, setSort, phoneRegion } = useContactPreferences(api);
  const photoVersion = usePhotoVersion();
  const { text, setText, view, loading, error, notice, showRange } = useContactSearch(
    api,
    {
      ...(scope !== undefined ? { accountId: scope } : {}),
      ...(label ? { labelResourceName: label.resourceName } : {}),
      sort: sort ?? 'first',
    },
    // A photo pass ends after the sync: shown rows reload to learn which contacts have one now.
    dataVersion + photoVersion,
    sort !== null,
  );
  const sections = useContactLetters(api, view, dataVersion);
  const [jump, setJump] = useState<JumpRequest | null>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (focusSearch > 0) searchBox.current?.focus();
  }, [focusSearch]);
  const labels = useLabels(api, accounts.map((a) => a.id).join(','), view !== null);

  const [selected, setSelected] = useState<string | null>(null);
  const [detail, setDetail] = useState<ContactDetail | null>(null);
  const [detailError, setDetailError] = useState<string | null>(null);
  const latestDetail = useRef('');

  const select = useCallback(
    (row: ContactSummary) => {
      const key = rowKey(row);
      latestDetail.current = key;
      setSelected(key);
      void api
        .getContact({ accountId: row.accountId, resourceName: row.resourceName })
        .then((result) => {
          if (latestDetail.current !== key) return;
          setDetail(result.ok ? result.value : null);
          setDetailError(result.ok ? null : result.error.message);
        });
    },
    [api],
  );

  const [showDeleted, setShowDeleted] = useState(false);
  if (showDeleted) {
    const back = () => setShowDeleted(false);
    return <DeletedContacts api={api} dataVersion={dataVersion} onBack={back} />;
  }
  const total = view?.total ?? 0;
  const several = accounts.length > 1;
  const accountEmail = accounts.find((a) => a.id === scope)?.email;
  return (
    <div className="contacts">
      <div className="contacts-master">
        <input
          ref={searchBox}
          type="search"
          aria-label="Search contacts"
          placeholder="Search by name, email, phone…"
          value={text}
          onChange={(e) => setText(e.target.value)}
          autoFocus
        />
        <Filters
          accounts={accounts}
          labels={labels}
          accountId={accountId}
          label={label}
          onAccount={(id) => {
            setAccountId(id);
            if (label && id !== undefined && label.accountId !== id) setLabel(undefined);
          }}
          onLabel={setLabel}
        >
          <SortChoice sort={sort ?? 'first'} onSort={setSort} />
        </Filters>
        <ContactsToolbar
          api={api}
          context={{ accountId: scope, label, accounts, text }}
          onShowDeleted={() => setShowDeleted(true)}
        />
        <p className="muted result-count" aria-live="polite" data-testid="result-count">
          {view === null ? 'Loading…' : `${count(total)} ${total === 1 ? 'contact' : 'contacts'}`}
        </p>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {notice && total > 0 && (
          <p className="muted" role="status">
            {notice}
          </p>
        )}
        {accountIds?.length === 0 && total === 0 ? (
          <p className="empty">
            No contacts yet. Connect a Google account on the Status page, then press Sync Now.
          </p>
        ) : view && !loading && total === 0 ? (
          <p className="empty">
            {text && notice
              ? notice
              : text.trim() || scope !== undefined
                ? noMatchMessage({
                    text,
                    labelName: label?.name,
                    accountEmail:
                      accountId !== undefined || (label && several) ? accountEmail : undefined,
                    accountChosen: accountId !== undefined,
                  })
                : 'No contacts yet. Press Sync Now on the Status page.'}
          </p>
        ) : (
          <div className="contact-list-area">
            <ContactList
              view={view}
              loading={loading}
              selected={selected}
              onSelect={select}
              onRange={showRange}
              sections={sections}
              jump={jump}
            />
            <AlphabetIndex
              sections={sections}
              onJump={(section) =>
                setJump((j) => ({ index: section.offset, seq: (j?.seq ?? 0) + 1 }))
              }
            />
          </div>
        )}
      </div>
      <div className="contacts-detail">
        {detailError && (
          <p className="error" role="alert">
            {detailError}
          </p>
        )}
        {detail ? (
          <ContactDetails
            contact={detail}
            region={phoneRegion}
            accountEmail={
              several ? accounts.find((a) => a.id === detail.accountId)?.email : undefined
            }
          />
        ) : (
          !detailError && <p className="empty">Select a contact to see every field.</p>
        )}
      </div>
    </div>
  );
}
