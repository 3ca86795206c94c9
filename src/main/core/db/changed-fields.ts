/**
 * Which top-level fields of a Person an update changed, for the journal (contact_changes), so the
 * History can say "Updated: phone, email" without keeping a second copy of every contact.
 */

/** Bookkeeping Google changes on every edit: never what the person changed. */
const IGNORED = new Set(['resourceName', 'etag', 'metadata']);

/**
 * Field metadata (`primary`, `source` with its ids and update times) says where a value came
 * from, not what it is; comparing it would mark every field of a re-keyed contact as changed.
 */
function withoutMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([key]) => key !== 'metadata')
      .map(([key, inner]) => [key, withoutMetadata(inner)] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries);
  }
  return value;
}

function parse(raw: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(raw);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The Person keys (e.g. `phoneNumbers`) whose values differ, sorted; an absent key equals []. */
export function changedPersonFields(beforeRaw: string, afterRaw: string): string[] {
  const before = parse(beforeRaw);
  const after = parse(afterRaw);
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const normal = (value: unknown) => {
    const stripped = withoutMetadata(value ?? []);
    return JSON.stringify(Array.isArray(stripped) && stripped.length === 0 ? [] : stripped);
  };
  return [...keys]
    .filter((key) => !IGNORED.has(key) && normal(before[key]) !== normal(after[key]))
    .sort();
}
