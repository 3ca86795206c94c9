/** The contact list's order: by first or last name, remembered in the settings. */
import { useCallback, useEffect, useState } from 'react';
import type { ContactSort, ContactsApi } from '../../shared/api/contract.js';

/**
 * The remembered order; null until the settings have answered, so the list is asked for once,
 * in the right order, rather than by first name and then again.
 */
export function useContactSort(api: ContactsApi) {
  const [sort, setSortState] = useState<ContactSort | null>(null);
  useEffect(() => {
    let current = true;
    void api.getSettings().then((result) => {
      if (current)
        setSortState((known) => known ?? (result.ok ? result.value.contactSort : 'first'));
    });
    return () => {
      current = false;
    };
  }, [api]);
  const setSort = useCallback(
    (next: ContactSort) => {
      setSortState(next);
      void api.updateSettings({ contactSort: next });
    },
    [api],
  );
  return [sort, setSort] as const;
}

export function SortChoice({
  sort,
  onSort,
}: {
  sort: ContactSort;
  onSort: (sort: ContactSort) => void;
}) {
  return (
    <label>
      Sort by
      <select value={sort} onChange={(e) => onSort(e.target.value === 'last' ? 'last' : 'first')}>
        <option value="first">First name</option>
        <option value="last">Last name</option>
      </select>
    </label>
  );
}
