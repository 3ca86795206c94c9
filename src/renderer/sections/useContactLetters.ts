/**
 * The A–Z sections of the rows on screen: asked once per query, sort and filter, after the
 * query's first page has arrived (so it never delays the first rows), and given only for the
 * answers they describe. For search text, only once the person paused typing: the core answers
 * calls one after the other, and grouping a one-letter search's matches takes tens of
 * milliseconds at 100,000 contacts that the next keystroke's search would wait for.
 */
import { useEffect, useState } from 'react';
import type { ContactLetter, ContactsApi } from '../../shared/api/contract.js';
import { queryOf, type ResultView } from './useContactSearch.js';

const NONE: readonly ContactLetter[] = [];
/** How long search text must stay unchanged before its sections are asked for. */
export const LETTERS_AFTER_TYPING_MS = 400;

export function useContactLetters(
  api: ContactsApi,
  view: ResultView | null,
  /** Changes when a sync finished: sections move with the rows. */
  dataVersion: number,
): readonly ContactLetter[] {
  const [answer, setAnswer] = useState<{ key: string; letters: readonly ContactLetter[] }>({
    key: '',
    letters: NONE,
  });
  const key = view?.key ?? null;
  useEffect(() => {
    if (key === null) return;
    let current = true;
    const query = queryOf(key);
    const ask = () =>
      void api.contactLetters(query).then((result) => {
        if (current) setAnswer({ key, letters: result.ok ? result.value : NONE });
      });
    const timer = query.text.trim() ? setTimeout(ask, LETTERS_AFTER_TYPING_MS) : undefined;
    if (timer === undefined) ask();
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, key, dataVersion]);
  return answer.key === key ? answer.letters : NONE;
}
