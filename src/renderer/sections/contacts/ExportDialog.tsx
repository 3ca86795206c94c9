/**
 * "Export contacts": the format, and which contacts (everything, the list's current filter, its
 * current search, or the deleted contacts selected). The desktop app asks where to save with its
 * own dialog; preview mode downloads the file. A determinate bar follows the export's progress
 * events, so 100,000 contacts never look stuck; a failure says what happened and what to do.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type {
  ContactsApi,
  ExportFormat,
  ExportProgress,
  ExportResult,
} from '../../../shared/api/contract.js';
import { count } from '../../format.js';

export const FORMAT_CHOICES: ReadonlyArray<{ format: ExportFormat; label: string; hint: string }> =
  [
    { format: 'vcard', label: 'vCard 3.0', hint: 'Google Contacts, Apple Contacts, Outlook' },
    { format: 'vcard4', label: 'vCard 4.0', hint: 'newer address books' },
    { format: 'csv', label: 'Google CSV', hint: 'Google Contacts import, spreadsheets' },
    { format: 'cisco_xml', label: 'Cisco IP phone directory', hint: 'XML for desk phones' },
  ];

export type ExportScope = 'all' | 'filter' | 'search' | 'selected';

export interface ExportContext {
  accountId?: number;
  labelResourceName?: string;
  /** What the filter shows, e.g. "label Family"; null without a filter. */
  filterName: string | null;
  /** The search box's text ('' for none). */
  text: string;
  /** Deleted contacts picked in "Show deleted contacts". */
  selection?: ReadonlyArray<{ accountId: number; resourceName: string }>;
}

function requestFor(format: ExportFormat, scope: ExportScope, context: ExportContext) {
  const filter = {
    ...(context.accountId !== undefined ? { accountId: context.accountId } : {}),
    ...(context.labelResourceName !== undefined
      ? { labelResourceName: context.labelResourceName }
      : {}),
  };
  if (scope === 'selected') {
    // Only the keys: the request schema is strict, and a row carries more.
    const contacts = (context.selection ?? []).map(({ accountId, resourceName }) => ({
      accountId,
      resourceName,
    }));
    return { format, contacts };
  }
  if (scope === 'filter') return { format, ...filter };
  if (scope === 'search') return { format, ...filter, text: context.text };
  return { format };
}

/** Preview mode: the page's own server hands the file out as an attachment. */
function download(url: string) {
  const link = document.createElement('a');
  link.href = url;
  link.download = '';
  document.body.append(link);
  link.click();
  link.remove();
}

function Progress({ progress }: { progress: ExportProgress | null }) {
  const percent =
    progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <div className="export-progress">
      <div
        role="progressbar"
        aria-label="Export progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="progressbar"
      >
        <div className="bar" style={{ width: `${percent}%` }} />
      </div>
      <p className="progress-text">
        {progress
          ? `${count(progress.done)} of ${count(progress.total)} contacts written`
          : 'Starting…'}
      </p>
    </div>
  );
}

export function ExportDialog({
  api,
  context,
  onClose,
}: {
  api: ContactsApi;
  context: ExportContext;
  onClose: () => void;
}) {
  const titleId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const selected = context.selection?.length ?? 0;
  const [format, setFormat] = useState<ExportFormat>('vcard');
  const [scope, setScope] = useState<ExportScope>(
    selected > 0
      ? 'selected'
      : context.text.trim()
        ? 'search'
        : context.filterName
          ? 'filter'
          : 'all',
  );
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [done, setDone] = useState<ExportResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => api.onExportProgress(setProgress), [api]);
  useEffect(() => {
    const opener = document.activeElement;
    dialog.current?.querySelector<HTMLElement>('input:checked')?.focus();
    return () => {
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);

  const start = async () => {
    setBusy(true);
    setError(null);
    setProgress(null);
    const result = await api.exportContacts(requestFor(format, scope, context));
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    if (result.value.file === null) return onClose(); // the person cancelled the save dialog
    if (result.value.downloadUrl) download(result.value.downloadUrl);
    setDone(result.value);
  };

  // Tab stays inside; Escape closes unless an export is running.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      if (!busy) onClose();
      return;
    }
    if (event.key !== 'Tab' || !dialog.current) return;
    const focusable = [
      ...dialog.current.querySelectorAll<HTMLElement>(
        'button:not(:disabled), input:not(:disabled)',
      ),
    ];
    const first = focusable[0];
    const last = focusable.at(-1);
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first?.focus();
    }
  };

  const scopes: Array<{ scope: ExportScope; label: string; disabled: boolean }> = [
    ...(selected > 0
      ? [
          {
            scope: 'selected' as const,
            label: `The ${count(selected)} selected deleted contacts`,
            disabled: false,
          },
        ]
      : []),
    { scope: 'all', label: 'All contacts', disabled: false },
    {
      scope: 'filter',
      label: context.filterName
        ? `The current filter: ${context.filterName}`
        : 'The current filter (none chosen)',
      disabled: !context.filterName,
    },
    {
      scope: 'search',
      label: context.text.trim()
        ? `The current search: “${context.text.trim()}”`
        : 'The current search (none typed)',
      disabled: !context.text.trim(),
    },
  ];

  return (
    <div className="dialog-backdrop">
      <div
        ref={dialog}
        className="dialog export-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={onKeyDown}
      >
        <h3 id={titleId}>Export contacts</h3>
        {done ? (
          <p role="status">
            {`Exported ${count(done.count)} ${done.count === 1 ? 'contact' : 'contacts'}`}
            {done.downloadUrl ? ' — your browser saves the file.' : ` to ${done.file}.`}
          </p>
        ) : (
          <>
            <fieldset disabled={busy}>
              <legend>Format</legend>
              {FORMAT_CHOICES.map((choice) => (
                <label key={choice.format} className="choice">
                  <input
                    type="radio"
                    name="export-format"
                    value={choice.format}
                    checked={format === choice.format}
                    onChange={() => setFormat(choice.format)}
                  />
                  {choice.label} <span className="muted">— {choice.hint}</span>
                </label>
              ))}
            </fieldset>
            <fieldset disabled={busy}>
              <legend>Contacts</legend>
              {scopes.map((s) => (
                <label key={s.scope} className="choice">
                  <input
                    type="radio"
                    name="export-scope"
                    value={s.scope}
                    checked={scope === s.scope}
                    disabled={s.disabled}
                    onChange={() => setScope(s.scope)}
                  />
                  {s.label}
                </label>
              ))}
            </fieldset>
            {busy && <Progress progress={progress} />}
            {error && (
              <p className="error" role="alert">
                {error}
              </p>
            )}
          </>
        )}
        <div className="actions">
          {!done && (
            <button type="button" onClick={() => void start()} disabled={busy}>
              {busy ? 'Exporting…' : 'Export'}
            </button>
          )}
          <button type="button" className="secondary" onClick={onClose} disabled={busy}>
            {done ? 'Close' : 'Cancel'}
          </button>
        </div>
      </div>
    </div>
  );
}
