/**
 * The Contacts section's preferences, remembered in the settings: the list's order (by first or
 * last name) and the region phone numbers are written for.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ContactSort, ContactsApi } from '../../shared/api/contract.js';

/**
 * The remembered order, null until the settings have answered (so the list is asked for once,
 * in the right order, rather than by first name and then again), and the phone region (null:
 * the computer's language's).
 */
export function useContactPreferences(api: ContactsApi) {
  const [sort, setSortState] = useState<ContactSort | null>(null);
  const [phoneRegion, setPhoneRegion] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void api.getSettings().then((result) => {
      if (!current) return;
      setSortState((known) => known ?? (result.ok ? result.value.contactSort : 'first'));
      if (result.ok) setPhoneRegion(result.value.phoneRegion);
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
  return { sort, setSort, phoneRegion };
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
