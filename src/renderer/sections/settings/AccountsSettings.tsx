/**
 * The Google accounts: their state, "Connect a Google account", and "Disconnect…", which asks
 * whether the contacts stay on this computer or are deleted from it.
 */
import { useRef, useState } from 'react';
import type { AccountStatusSummary } from '../../../shared/domain.js';
import type { ContactsApi } from '../../../shared/api/contract.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { ConnectButton } from '../../components/ConnectButton.js';
import { count } from '../../format.js';
import type { AppState } from '../../useAppState.js';
import { accountState } from '../StatusSection.js';

const contactsText = (n: number) => `${count(n)} contact${n === 1 ? '' : 's'}`;

export function AccountsSettings({ api, app }: { api: ContactsApi; app: AppState }) {
  const [asking, setAsking] = useState<AccountStatusSummary | null>(null);
  const [working, setWorking] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const resultRef = useRef<HTMLParagraphElement>(null);
  const { status } = app;

  const disconnect = async (summary: AccountStatusSummary, deleteData: boolean) => {
    setWorking(true);
    const answer = await api.disconnectAccount({ accountId: summary.account.id, deleteData });
    setWorking(false);
    setAsking(null);
    if (!answer.ok) {
      setResult(null);
      setError(answer.error.message);
      return;
    }
    setError(null);
    const { email } = summary.account;
    setResult(
      answer.value.dataDeleted
        ? `${email} is disconnected and its contacts were deleted from this computer. Nothing was deleted in Google.`
        : `${email} is disconnected. Its ${contactsText(summary.contacts)} stay on this computer: you can still search and export them.`,
    );
    // The row may be gone (deleted data): the outcome is the next sensible place for focus.
    setTimeout(() => resultRef.current?.focus());
  };

  return (
    <fieldset>
      <legend>Accounts</legend>
      {status && status.accounts.length === 0 && (
        <p className="muted">No Google account is connected yet.</p>
      )}
      <ul className="account-list">
        {status?.accounts.map((summary) => {
          const { email, status: accountStatus } = summary.account;
          const state = accountState(summary, status);
          const disconnected = accountStatus === 'disconnected';
          return (
            <li key={summary.account.id} aria-label={email}>
              <span className="account-email">{email}</span>
              <span className={`badge badge-${state.replaceAll(' ', '-')}`}>{state}</span>
              <span className="muted">{contactsText(summary.contacts)}</span>
              <span className="actions">
                {(disconnected || accountStatus === 'reconnect_needed') && (
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => void app.connect(email)}
                    disabled={app.busy === 'connect'}
                  >
                    {disconnected ? 'Connect again' : 'Reconnect'}
                  </button>
                )}
                <button
                  type="button"
                  className="secondary"
                  aria-label={`${disconnected ? 'Delete the local copy of' : 'Disconnect'} ${email}…`}
                  onClick={() => setAsking(summary)}
                >
                  {disconnected ? 'Delete local copy…' : 'Disconnect…'}
                </button>
              </span>
            </li>
          );
        })}
      </ul>
      <ConnectButton app={app} />
      <p className="muted" role="status" tabIndex={-1} ref={resultRef}>
        {result}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {asking && (
        <DisconnectDialog
          summary={asking}
          busy={working}
          onCancel={() => setAsking(null)}
          onChoose={(deleteData) => void disconnect(asking, deleteData)}
        />
      )}
    </fieldset>
  );
}

function DisconnectDialog({
  summary,
  busy,
  onCancel,
  onChoose,
}: {
  summary: AccountStatusSummary;
  busy: boolean;
  onCancel: () => void;
  onChoose: (deleteData: boolean) => void;
}) {
  const { email, status } = summary.account;
  const contacts = contactsText(summary.contacts);
  if (status === 'disconnected') {
    return (
      <ConfirmDialog
        title={`Delete the local copy of ${email}?`}
        onCancel={onCancel}
        busy={busy}
        actions={
          <button type="button" className="danger" disabled={busy} onClick={() => onChoose(true)}>
            Delete from this computer
          </button>
        }
      >
        <p>
          The {contacts} and the sync history of this account are deleted from this computer.
          Nothing is deleted in Google.
        </p>
      </ConfirmDialog>
    );
  }
  return (
    <ConfirmDialog
      title={`Disconnect ${email}?`}
      onCancel={onCancel}
      busy={busy}
      actions={
        <>
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => onChoose(false)}
          >
            Disconnect, keep the contacts
          </button>
          <button type="button" className="danger" disabled={busy} onClick={() => onChoose(true)}>
            Disconnect and delete them
          </button>
        </>
      }
    >
      <p>
        The app stops syncing this account and signs out of it at Google. Its {contacts} can stay on
        this computer, to search and export, or be deleted from it. Nothing is deleted in Google.
      </p>
      {busy && <p className="muted">Disconnecting…</p>}
    </ConfirmDialog>
  );
}
