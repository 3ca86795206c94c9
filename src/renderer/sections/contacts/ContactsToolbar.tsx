/**
 * The Contacts section's "Export…" and "Show deleted contacts" controls. Kept apart from
 * ContactsSection so that section stays about searching and reading.
 */
import { useState } from 'react';
import type { ContactsApi, Label } from '../../../shared/api/contract.js';
import type { Account } from '../../../shared/domain.js';
import { ExportDialog, type ExportContext } from './ExportDialog.js';

/** The list's filter and search, as the dialog's "current filter" and "current search". */
function exportContext(list: {
  accountId: number | undefined;
  label: Label | undefined;
  accounts: readonly Account[];
  text: string;
}): ExportContext {
  const { accountId, label } = list;
  const email = list.accounts.find((a) => a.id === accountId)?.email ?? 'one account';
  return {
    ...(accountId !== undefined ? { accountId } : {}),
    ...(label ? { labelResourceName: label.resourceName } : {}),
    filterName: label ? `label ${label.name}` : accountId !== undefined ? email : null,
    text: list.text,
  };
}

export function ContactsToolbar({
  api,
  context,
  onShowDeleted,
}: {
  api: ContactsApi;
  context: Parameters<typeof exportContext>[0];
  onShowDeleted: () => void;
}) {
  const [exporting, setExporting] = useState(false);
  return (
    <div className="contacts-toolbar">
      <button type="button" onClick={() => setExporting(true)}>
        Export…
      </button>
      <button type="button" className="secondary" onClick={onShowDeleted}>
        Show deleted contacts
      </button>
      {exporting && (
        <ExportDialog
          api={api}
          context={exportContext(context)}
          onClose={() => setExporting(false)}
        />
      )}
    </div>
  );
}
