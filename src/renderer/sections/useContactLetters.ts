/**
 * The A–Z sections of the rows on screen: asked once per query, sort and filter, after the
 * query's first page has arrived (so it never delays the first rows), and given only for the
 * answers they describe.
 */
import { useEffect, useState } from 'react';
import type { ContactLetter, ContactsApi } from '../../shared/api/contract.js';
import { queryOf, type ResultView } from './useContactSearch.js';

const NONE: readonly ContactLetter[] = [];

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
    void api.contactLetters(queryOf(key)).then((result) => {
      if (current) setAnswer({ key, letters: result.ok ? result.value : NONE });
    });
    return () => {
      current = false;
    };
  }, [api, key, dataVersion]);
  return answer.key === key ? answer.letters : NONE;
}
