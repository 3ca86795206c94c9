/**
 * A modal alert dialog (WAI-ARIA alertdialog): focus moves to its safest button when it opens,
 * Tab stays inside it, Escape cancels, and focus goes back to what opened it when it closes.
 */
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export function ConfirmDialog({
  title,
  children,
  actions,
  onCancel,
  busy = false,
}: {
  title: string;
  children: ReactNode;
  /** The dialog's own buttons, before "Cancel". */
  actions: ReactNode;
  onCancel: () => void;
  busy?: boolean;
}) {
  const titleId = useId();
  const bodyId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const opener = document.activeElement;
    cancel.current?.focus();
    return () => {
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      if (!busy) onCancel();
      return;
    }
    if (event.key !== 'Tab' || !dialog.current) return;
    const focusable = [...dialog.current.querySelectorAll<HTMLElement>('button:not(:disabled)')];
    const first = focusable[0];
    const last = focusable.at(-1);
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="dialog-backdrop">
      <div
        ref={dialog}
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        onKeyDown={onKeyDown}
      >
        <h3 id={titleId}>{title}</h3>
        <div id={bodyId}>{children}</div>
        <div className="actions">
          {actions}
          <button
            ref={cancel}
            type="button"
            className="secondary"
            onClick={onCancel}
            disabled={busy}
          >
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
