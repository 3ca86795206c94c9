import type { Db } from './connection.js';
import type { ContactGroup } from '../google/person.js';
import type { ApplyOutcome } from './contacts-store.js';

/** Write side of the labels (contact groups) mirror for one account. */
export class GroupsStore {
  private readonly find;
  private readonly upsertRow;
  private readonly markSeen;
  private readonly softDeleteRow;
  private readonly sweepRows;

  constructor(
    db: Db,
    private readonly accountId: number,
  ) {
    this.find = db.prepare<
      [number, string],
      { id: number; etag: string | null; deleted_at: string | null }
    >('SELECT id, etag, deleted_at FROM contact_groups WHERE account_id = ? AND resource_name = ?');
    this.upsertRow = db.prepare(
      `INSERT INTO contact_groups (account_id, resource_name, etag, name, formatted_name, group_type,
         member_count, raw, deleted_at, seen_in_full_sync, updated_at)
       VALUES (@accountId, @resourceName, @etag, @name, @formattedName, @groupType, @memberCount,
         @raw, NULL, @generation, @now)
       ON CONFLICT (account_id, resource_name) DO UPDATE SET etag = excluded.etag,
         name = excluded.name, formatted_name = excluded.formatted_name,
         group_type = excluded.group_type, member_count = excluded.member_count, raw = excluded.raw,
         deleted_at = NULL, seen_in_full_sync = MAX(seen_in_full_sync, excluded.seen_in_full_sync),
         updated_at = excluded.updated_at`,
    );
    this.markSeen = db.prepare(
      'UPDATE contact_groups SET seen_in_full_sync = MAX(seen_in_full_sync, ?) WHERE id = ?',
    );
    this.softDeleteRow = db.prepare(
      `UPDATE contact_groups SET deleted_at = ?, updated_at = ?
       WHERE account_id = ? AND resource_name = ? AND deleted_at IS NULL`,
    );
    this.sweepRows = db.prepare(
      `UPDATE contact_groups SET deleted_at = ?, updated_at = ?
       WHERE account_id = ? AND deleted_at IS NULL AND seen_in_full_sync < ?`,
    );
  }

  upsert(group: ContactGroup, ctx: { generation: number; now: string }): ApplyOutcome {
    const resourceName = group.resourceName as string;
    const existing = this.find.get(this.accountId, resourceName);
    if (existing && existing.deleted_at === null && group.etag && existing.etag === group.etag) {
      this.markSeen.run(ctx.generation, existing.id);
      return 'unchanged';
    }
    this.upsertRow.run({
      accountId: this.accountId,
      resourceName,
      etag: group.etag ?? null,
      name: group.name ?? group.formattedName ?? resourceName,
      formattedName: group.formattedName ?? null,
      groupType: group.groupType ?? 'USER_CONTACT_GROUP',
      memberCount: group.memberCount ?? 0,
      raw: JSON.stringify(group),
      generation: ctx.generation,
      now: ctx.now,
    });
    return existing && existing.deleted_at === null ? 'updated' : 'created';
  }

  softDelete(resourceName: string, now: string): boolean {
    return this.softDeleteRow.run(now, now, this.accountId, resourceName).changes > 0;
  }

  sweep(generation: number, now: string): number {
    return this.sweepRows.run(now, now, this.accountId, generation).changes;
  }
}
