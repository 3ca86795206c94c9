/**
 * `/` from anywhere in the window opens Contacts with the focus in Search contacts, as on many
 * sites; never while the person is typing in a field (a `/` in a note or a time stays a `/`) or
 * while a dialog asks something.
 */
import { useEffect } from 'react';

/** Fields where `/` is text: inputs that take text, text areas, selects, editable content. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['button', 'checkbox', 'radio', 'range', 'reset', 'submit', 'color', 'file'].includes(
    target.type,
  );
}

export function useSearchShortcut(onSearch: () => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.defaultPrevented || isTypingTarget(event.target)) return;
      // A modal dialog waits for its answer: nothing behind it may change.
      if (document.querySelector('[role="alertdialog"], [role="dialog"][aria-modal="true"]'))
        return;
      event.preventDefault();
      onSearch();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [onSearch]);
}
