/**
 * A virtualized list of `total` rows of fixed height: its height is known up front, so the
 * scrollbar is right from the first answer; rows not loaded yet are drawn as placeholders of the
 * same height (no layout shift when they arrive). Only the rows on screen, plus a few, are in the
 * DOM. Keyboard: one row is the tab stop; arrows, Page keys, Home and End move it.
 */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ContactSummary } from '../../shared/domain.js';
import { Avatar } from '../components/Avatar.js';
import { rowAt, type ResultView } from './useContactSearch.js';

export const ROW_HEIGHT = 52;
const OVERSCAN = 8;

export const rowKey = (row: ContactSummary) => `${row.accountId}/${row.resourceName}`;

const rowTitle = (row: ContactSummary): string =>
  row.displayName ?? row.emails[0] ?? row.phones[0] ?? '(no name)';

export function ContactList({
  view,
  loading,
  selected,
  onSelect,
  onRange,
}: {
  view: ResultView | null;
  loading: boolean;
  selected: string | null;
  onSelect: (row: ContactSummary) => void;
  /** The rows on screen changed: [first, last). */
  onRange: (first: number, last: number) => void;
}) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const total = view?.total ?? 0;

  useEffect(() => {
    const element = viewport.current;
    if (!element) return;
    setHeight(element.clientHeight || 600);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight || 600));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Roving focus over indexes; a row moved to before its page arrived is selected on arrival.
  const [active, setActive] = useState(0);
  const focusPending = useRef(false);
  const selectPending = useRef(false);

  // New answers (another query or filter) start at the top.
  useLayoutEffect(() => {
    if (viewport.current) viewport.current.scrollTop = 0;
    setScrollTop(0);
    setActive(0);
    selectPending.current = false;
  }, [view?.key]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(total, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const tabStop = active >= first && active < last ? active : first;

  useEffect(() => onRange(first, last), [onRange, first, last, view?.key]);

  useEffect(() => {
    if (focusPending.current) {
      focusPending.current = false;
      viewport.current?.querySelector<HTMLButtonElement>(`[data-index="${active}"]`)?.focus();
    }
    const row = rowAt(view, active);
    if (selectPending.current && row) {
      selectPending.current = false;
      onSelect(row);
    }
  }, [active, first, view, onSelect]);

  const move = (next: number) => {
    const index = Math.max(0, Math.min(total - 1, next));
    const element = viewport.current;
    if (element) {
      const top = index * ROW_HEIGHT;
      if (top < element.scrollTop) element.scrollTop = top;
      else if (top + ROW_HEIGHT > element.scrollTop + height)
        element.scrollTop = top + ROW_HEIGHT - height;
      setScrollTop(element.scrollTop);
    }
    focusPending.current = true;
    selectPending.current = true;
    setActive(index);
  };

  const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
  const onKeyDown = (event: KeyboardEvent) => {
    const step: Record<string, number> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: page,
      PageUp: -page,
      Home: -total,
      End: total,
    };
    const delta = step[event.key];
    if (delta === undefined || total === 0) return;
    event.preventDefault();
    move(active + delta);
  };

  const items = [];
  for (let index = first; index < last; index++) {
    const row = rowAt(view, index);
    const key = row ? rowKey(row) : null;
    items.push(
      <li key={index} style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }}>
        {row && key ? (
          <button
            type="button"
            data-index={index}
            tabIndex={index === tabStop ? 0 : -1}
            className={
              selected === key ? 'contact-row with-avatar selected' : 'contact-row with-avatar'
            }
            aria-current={selected === key ? 'true' : undefined}
            onClick={() => {
              setActive(index);
              onSelect(row);
            }}
          >
            <Avatar
              accountId={row.accountId}
              resourceName={row.resourceName}
              name={rowTitle(row)}
            />
            <span className="name">{rowTitle(row)}</span>
            <span className="sub">
              {[row.emails[0], row.phones[0]]
                .filter((part) => part && part !== rowTitle(row))
                .join(' · ')}
            </span>
          </button>
        ) : (
          <button
            type="button"
            data-index={index}
            tabIndex={index === tabStop ? 0 : -1}
            className="contact-row placeholder"
            aria-busy="true"
            aria-label="Loading contact"
          >
            <span className="name" />
            <span className="sub" />
          </button>
        )}
      </li>,
    );
  }

  return (
    <div
      ref={viewport}
      className="contact-list"
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
      data-testid="contact-list"
      data-query={view?.text}
      data-state={loading ? 'loading' : 'ready'}
    >
      <ul aria-label="Contacts" style={{ height: total * ROW_HEIGHT }}>
        {items}
      </ul>
    </div>
  );
}
