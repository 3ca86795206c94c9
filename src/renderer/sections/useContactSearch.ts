/**
 * The contact list's data: what the person typed and picked, turned into pages of
 * `searchContacts` answers. Only pages near what is on screen are asked for and kept; an answer
 * that belongs to an older query or filter is dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ContactSort, ContactsApi } from '../../shared/api/contract.js';
import type { ContactSummary } from '../../shared/domain.js';
import { checkSearchText } from '../../shared/search-text.js';

/** A keystroke after this much quiet is asked at once: the first letter answers without waiting. */
export const SEARCH_PAUSE_MS = 150;
/**
 * Keystrokes that follow one another faster than this are asked once, for the last: short enough
 * that the last keystroke of fast typing answers within 80 ms (docs/PERFORMANCE.md), long enough
 * to merge a burst (key repeat, a fast typist) into one search.
 */
export const SEARCH_DEBOUNCE_MS = 30;
/** Rows per `searchContacts` call. */
export const PAGE_SIZE = 100;
/** Pages kept in memory; the farthest from the screen are dropped first. */
const MAX_PAGES = 40;

export interface SearchFilters {
  accountId?: number;
  labelResourceName?: string;
  sort?: ContactSort;
}

/** What the list shows: the answers of one query, page by page. */
export interface ResultView {
  /** Identifies the query and filters these rows answer (changes → scroll to the top). */
  key: string;
  /** The text these rows match (the list exposes it for tests and the UI benchmark). */
  text: string;
  total: number;
  pages: ReadonlyMap<number, readonly ContactSummary[]>;
}

/** The text, account and label of a query: the key of its answers. */
type QueryKey = [
  text: string,
  accountId: number | null,
  labelResourceName: string | null,
  sort: ContactSort,
];

/** The request of a QueryKey (without paging): searchContacts and contactLetters share it. */
export function queryOf(key: string) {
  const [text, accountId, labelResourceName, sort] = JSON.parse(key) as QueryKey;
  return {
    text,
    ...(accountId !== null ? { accountId } : {}),
    ...(labelResourceName !== null ? { labelResourceName } : {}),
    ...(sort !== 'first' ? { sort } : {}),
  };
}

export function rowAt(view: ResultView | null, index: number): ContactSummary | undefined {
  return view?.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
}

/**
 * Search as you type. A keystroke after a pause (none in the last SEARCH_PAUSE_MS) is asked at
 * once, so what a person types first answers without waiting; keystrokes that follow it quickly
 * wait SEARCH_DEBOUNCE_MS for the next one, so a burst sends one search. Text past the search
 * bounds is not asked at all: `notice` says why, and the last results stay.
 */
export function useContactSearch(
  api: ContactsApi,
  filters: SearchFilters,
  /** Changes when the local contacts may have changed (a sync finished): shown rows reload. */
  dataVersion: number = 0,
  /** False while a filter is not known yet (the remembered order): nothing is asked. */
  enabled = true,
) {
  const [text, setTextState] = useState('');
  const [query, setQuery] = useState('');
  const [view, setView] = useState<ResultView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const lastKeystroke = useRef(-Infinity);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latestKey = useRef('');
  const inFlight = useRef(new Set<string>());
  const viewRef = useRef<ResultView | null>(null);
  viewRef.current = view;
  /** The pages of the rows last on screen. */
  const onScreen = useRef<[first: number, last: number]>([0, 0]);

  const setText = useCallback((value: string) => {
    setTextState(value);
    const now = performance.now();
    const afterPause = now - lastKeystroke.current >= SEARCH_PAUSE_MS;
    lastKeystroke.current = now;
    clearTimeout(timer.current);
    if (checkSearchText(value)?.kind === 'too_long') return;
    if (afterPause) setQuery(value);
    else timer.current = setTimeout(() => setQuery(value), SEARCH_DEBOUNCE_MS);
  }, []);
  useEffect(() => () => clearTimeout(timer.current), []);

  const key = JSON.stringify([
    query,
    filters.accountId ?? null,
    filters.labelResourceName ?? null,
    filters.sort ?? 'first',
  ] satisfies QueryKey);

  const fetchPage = useCallback(
    async (forKey: string, page: number, reload = false) => {
      const id = `${forKey}#${page}${reload ? '!' : ''}`;
      if (inFlight.current.has(id)) return;
      inFlight.current.add(id);
      const request = queryOf(forKey);
      const result = await api.searchContacts({
        ...request,
        limit: PAGE_SIZE,
        offset: page * PAGE_SIZE,
      });
      inFlight.current.delete(id);
      if (forKey !== latestKey.current) return; // a newer query or filter is on its way
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setError(null);
      const { contacts, total } = result.value;
      setView((current) => {
        // The first answer of a new query replaces the old rows only now, so they stay on
        // screen (no blank list, no jump) until the new ones are there.
        const pages = new Map(current?.key === forKey ? current.pages : []);
        if (reload) {
          // Pages off screen may be out of date now: drop them, they load again when shown.
          const [first, last] = onScreen.current;
          for (const kept of pages.keys()) if (kept < first || kept > last) pages.delete(kept);
        }
        pages.set(page, contacts);
        return { key: forKey, text: request.text, total, pages };
      });
    },
    [api],
  );

  useEffect(() => {
    if (!enabled) return;
    latestKey.current = key;
    void fetchPage(key, 0);
  }, [key, fetchPage, enabled]);

  // After a sync the rows on screen are asked again in place: no scroll jump, no blank list.
  const firstVersion = useRef(dataVersion);
  useEffect(() => {
    if (dataVersion === firstVersion.current) return;
    firstVersion.current = dataVersion;
    const current = viewRef.current;
    if (!current || current.key !== latestKey.current) return;
    const [first, last] = onScreen.current;
    for (let page = first; page <= last; page++) void fetchPage(current.key, page, true);
  }, [dataVersion, fetchPage]);

  /** Called by the list with the rows on screen: loads the pages they fall in, drops far ones. */
  const showRange = useCallback(
    (first: number, last: number) => {
      const current = viewRef.current;
      if (!current || current.key !== latestKey.current || current.total === 0) return;
      const firstPage = Math.floor(first / PAGE_SIZE);
      const lastPage = Math.floor(Math.max(first, last - 1) / PAGE_SIZE);
      onScreen.current = [firstPage, lastPage];
      for (let page = firstPage; page <= lastPage; page++) {
        if (page * PAGE_SIZE < current.total && !current.pages.has(page))
          void fetchPage(current.key, page);
      }
      if (current.pages.size > MAX_PAGES) {
        const keep = [...current.pages.keys()]
          .sort((a, b) => Math.abs(a - firstPage) - Math.abs(b - firstPage))
          .slice(0, MAX_PAGES);
        setView({ ...current, pages: new Map(keep.map((p) => [p, current.pages.get(p)!])) });
      }
    },
    [fetchPage],
  );

  const loading = view === null || view.key !== key;
  /** Why the text finds nothing or is not searched: punctuation only, or past the bounds. */
  const notice = checkSearchText(text)?.message ?? null;
  return { text, setText, view, loading, error, notice, showRange };
}
