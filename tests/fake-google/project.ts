/** Projection of internal records to the People API wire shapes. */
import { hexId } from './data.js';
import { mixSeed } from './prng.js';
import type { ContactFields, ContactGroup, ContactRecord, GroupRecord, Person } from './types.js';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A cheap, stable 90-bit tag of `text` in base64 characters (etags need not be crypto). */
export function tag(prefix: string, text: string): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  let out = prefix;
  for (let word of [mixSeed(a, b), mixSeed(b, a), mixSeed(a, text.length)]) {
    for (let i = 0; i < 5; i++, word >>>= 6) out += B64[word & 63];
  }
  return out;
}

export function sourceIdOf(rec: ContactRecord): string {
  return hexId(rec.index, 0x736f7572);
}

/**
 * A contact as a Person: resourceName, etag and metadata always; then the fields in `mask`
 * (all when undefined), each item with Google's per-field metadata. Deleted contacts become
 * tombstones. `sinceSeq` (incremental listings) adds `metadata.previousResourceNames`.
 */
export function personOf(
  rec: ContactRecord,
  fields: ContactFields,
  mask?: ReadonlySet<string>,
  sinceSeq?: number,
): Person {
  const source = { type: 'CONTACT', id: sourceIdOf(rec) };
  const metadata: NonNullable<Person['metadata']> = {
    sources: [
      {
        ...source,
        etag: tag('#', `${source.id}/${rec.version}`),
        updateTime: new Date(rec.updateTime).toISOString(),
      },
    ],
    objectType: 'PERSON',
  };
  const etag = tag('%Eg', `${rec.resourceName}/${rec.version}/${rec.seq}`);
  const person: Person = { resourceName: rec.resourceName, etag, metadata };
  if (sinceSeq !== undefined && rec.previous) {
    const prev = rec.previous.filter((p) => p.seq > sinceSeq).map((p) => p.resourceName);
    if (prev.length > 0) metadata.previousResourceNames = prev;
  }
  if (rec.deleted) {
    metadata.deleted = true;
    return person;
  }
  const out = person as Record<string, unknown>;
  const primary = { primary: true, source };
  const secondary = { source };
  const all = fields as Record<string, unknown>;
  for (const key in all) {
    const items = all[key];
    if (!Array.isArray(items) || (mask && !mask.has(key))) continue;
    out[key] = items.map((item: object, i: number) => ({
      metadata: i === 0 ? primary : secondary,
      ...item,
    }));
  }
  if (!mask || mask.has('memberships')) {
    person.memberships = ['myContacts', ...rec.groups].map((id) => ({
      metadata: secondary,
      contactGroupMembership: {
        contactGroupId: id,
        contactGroupResourceName: `contactGroups/${id}`,
      },
    }));
  }
  return person;
}

export function groupOf(g: GroupRecord, memberCount: number): ContactGroup {
  const updateTime = g.updateTime;
  const group: ContactGroup = {
    resourceName: `contactGroups/${g.id}`,
    etag: tag('', `${g.id}/${g.version}`),
    metadata: g.deleted ? { updateTime, deleted: true } : { updateTime },
  };
  if (g.deleted) return group;
  return {
    ...group,
    groupType: g.groupType,
    name: g.name,
    formattedName: g.formattedName,
    memberCount,
  };
}
