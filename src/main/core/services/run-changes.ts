/**
 * A run's detail for History: the contacts it changed, read from the journal (contact_changes)
 * the contacts store writes in the same transaction as each page.
 */
import type { ChangedField, RunChange, RunChanges } from '../../../shared/api/types.js';
import { assertNever } from '../../../shared/domain.js';
import type { Db } from '../db/connection.js';
import { RunsRepo } from '../db/runs-repo.js';
import { AppError } from '../errors.js';

type Change = RunChange['change'];

/** Person keys (see PERSON_FIELDS) → what History calls them; anything else is 'other'. */
const FIELD_NAMES: Record<string, ChangedField> = {
  names: 'name',
  nicknames: 'nickname',
  emailAddresses: 'email',
  phoneNumbers: 'phone',
  addresses: 'address',
  organizations: 'organization',
  birthdays: 'birthday',
  biographies: 'notes',
  memberships: 'labels',
  photos: 'photo',
  urls: 'website',
};
const FIELD_ORDER: readonly ChangedField[] = [
  'name',
  'nickname',
  'email',
  'phone',
  'address',
  'organization',
  'birthday',
  'notes',
  'labels',
  'photo',
  'website',
  'other',
];

export function changedFields(personKeys: readonly string[]): ChangedField[] {
  const named = new Set(personKeys.map((key) => FIELD_NAMES[key] ?? 'other'));
  return FIELD_ORDER.filter((field) => named.has(field));
}

interface Snapshot {
  displayName?: string | null;
  fields?: string[];
}

function snapshot(json: string | null): Snapshot {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === 'object' ? (value as Snapshot) : {};
  } catch {
    return {};
  }
}

interface JournalRow {
  change: Change;
  accountId: number;
  resourceName: string;
  currentName: string | null;
  before: string | null;
  after: string | null;
}

function toChange(row: JournalRow): RunChange {
  const before = snapshot(row.before);
  const after = snapshot(row.after);
  const { change, accountId, resourceName } = row;
  const base = { change, accountId, resourceName };
  switch (change) {
    case 'created':
      return { ...base, displayName: after.displayName ?? row.currentName };
    case 'deleted':
      return { ...base, displayName: before.displayName ?? row.currentName };
    case 'updated': {
      const displayName = after.displayName ?? row.currentName;
      const renamed = 'displayName' in before && before.displayName !== displayName;
      return {
        ...base,
        displayName,
        ...(renamed ? { previousDisplayName: before.displayName ?? null } : {}),
        ...(Array.isArray(after.fields) ? { fieldsChanged: changedFields(after.fields) } : {}),
      };
    }
    default:
      return assertNever(change);
  }
}

const ORDER = `CASE cc.change WHEN 'created' THEN 0 WHEN 'updated' THEN 1 ELSE 2 END, cc.id`;

export class RunChangesService {
  private readonly runs: RunsRepo;

  constructor(private readonly db: Db) {
    this.runs = new RunsRepo(db);
  }

  changes(request: { runId: number; offset?: number; limit?: number }): RunChanges {
    const { runId, offset = 0, limit = 100 } = request;
    const exists = this.db.prepare('SELECT 1 FROM sync_runs WHERE id = ?').get(runId);
    if (!exists) {
      throw new AppError(
        'NOT_FOUND',
        `There is no sync run ${runId} in the history; it may have been cleared. Reload History.`,
      );
    }
    const run = this.runs.get(runId);
    const journaled: Record<Change, number> = { created: 0, updated: 0, deleted: 0 };
    const counts = this.db
      .prepare<[number], { change: Change; n: number }>(
        'SELECT change, count(*) AS n FROM contact_changes WHERE run_id = ? GROUP BY change',
      )
      .all(runId);
    for (const { change, n } of counts) journaled[change] = n;
    const total = journaled.created + journaled.updated + journaled.deleted;
    const rows = this.db
      .prepare<[number, number, number], JournalRow>(
        `SELECT cc.change, c.account_id AS accountId, c.resource_name AS resourceName,
           c.display_name AS currentName, cc.before, cc.after
         FROM contact_changes cc JOIN contacts c ON c.id = cc.contact_id
         WHERE cc.run_id = ? ORDER BY ${ORDER} LIMIT ? OFFSET ?`,
      )
      .all(runId, limit, offset);
    // Contact runs count contacts only (labels are not in the counts), so what the run counted
    // beyond its journal was not journaled: the first import writes no entry per contact.
    const contacts = run.resource === 'contacts';
    const unlisted = (change: Change) =>
      contacts ? Math.max(0, run.counts[change] - journaled[change]) : 0;
    return {
      run,
      changes: rows.map(toChange),
      total,
      unlisted: {
        created: unlisted('created'),
        updated: unlisted('updated'),
        deleted: unlisted('deleted'),
      },
      // A later full listing journals what it creates; only the first import leaves none.
      firstImport:
        contacts && run.kind !== 'incremental' && run.counts.created > 0 && journaled.created === 0,
    };
  }
}
