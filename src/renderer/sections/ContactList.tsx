/**
 * A virtualized list of `total` rows of fixed height: its height is known up front, so the
 * scrollbar is right from the first answer; rows not loaded yet are drawn as placeholders of the
 * same height (no layout shift when they arrive). Only the rows on screen, plus a few, are in the
 * DOM. Keyboard: one row is the tab stop; arrows, Page keys, Home and End move it.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ContactLetter } from '../../shared/api/contract.js';
import type { ContactSummary } from '../../shared/domain.js';
import { listLayout } from './list-layout.js';
import { Avatar } from '../components/Avatar.js';
import { rowAt, type ResultView } from './useContactSearch.js';

export const ROW_HEIGHT = 52;
/** An A–Z section header (issue 12). */
export const HEADER_HEIGHT = 28;
const OVERSCAN = 8;

export const rowKey = (row: ContactSummary) => `${row.accountId}/${row.resourceName}`;

/** In the last-name order the row shows the name it is sorted by ("Lovelace, Ada"). */
const rowTitle = (row: ContactSummary): string =>
  row.sortName ?? row.displayName ?? row.emails[0] ?? row.phones[0] ?? '(no name)';

/** A request to bring row `index` to the top of the list; `seq` makes a repeat a new request. */
export interface JumpRequest {
  index: number;
  seq: number;
}

export function ContactList({
  view,
  loading,
  selected,
  onSelect,
  onRange,
  sections = [],
  jump = null,
}: {
  view: ResultView | null;
  loading: boolean;
  selected: string | null;
  onSelect: (row: ContactSummary) => void;
  /** The rows on screen changed: [first, last). */
  onRange: (first: number, last: number) => void;
  /** The A–Z sections of these rows: a header before each. */
  sections?: readonly ContactLetter[];
  jump?: JumpRequest | null;
}) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const total = view?.total ?? 0;
  const layout = useMemo(
    () => listLayout(total, sections, ROW_HEIGHT, HEADER_HEIGHT),
    [total, sections],
  );

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

  const first = Math.max(0, layout.indexAt(scrollTop) - OVERSCAN);
  const last = Math.min(total, layout.indexAt(scrollTop + height) + 1 + OVERSCAN);
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
      const top = layout.top(index);
      if (top < element.scrollTop) element.scrollTop = top;
      else if (top + ROW_HEIGHT > element.scrollTop + height)
        element.scrollTop = top + ROW_HEIGHT - height;
      setScrollTop(element.scrollTop);
    }
    focusPending.current = true;
    selectPending.current = true;
    setActive(index);
  };

  // A jump scrolls the letter's header to the top and moves the focus to its first contact.
  useLayoutEffect(() => {
    const element = viewport.current;
    if (!jump || !element) return;
    const section = sections.findIndex((s) => s.offset === jump.index);
    element.scrollTop = section >= 0 ? layout.headerTop(section) : layout.top(jump.index);
    setScrollTop(element.scrollTop);
    focusPending.current = true;
    setActive(jump.index);
    // Only a new request jumps: the layout changing under the same one must not.
  }, [jump]);

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
  sections.forEach((section, i) => {
    if (section.offset < first || section.offset >= last) return;
    items.push(
      <li
        key={`letter-${section.letter}`}
        className="contact-letter"
        aria-hidden="true"
        style={{ top: layout.headerTop(i), height: HEADER_HEIGHT }}
      >
        {section.letter}
      </li>,
    );
  });
  for (let index = first; index < last; index++) {
    const row = rowAt(view, index);
    const key = row ? rowKey(row) : null;
    items.push(
      <li key={index} style={{ top: layout.top(index), height: ROW_HEIGHT }}>
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
              hasPhoto={row.hasPhoto ?? false}
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
      <ul aria-label="Contacts" style={{ height: layout.height }}>
        {items}
      </ul>
    </div>
  );
}
