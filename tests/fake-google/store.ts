/** In-memory People data: contacts (with tombstones), contact groups and the change sequence. */
import {
  contactResourceName,
  generateFields,
  generateMemberships,
  groupName,
  hexId,
} from './data.js';
import { withPhotoOrigin } from './photos.js';
import { groupOf, personOf } from './project.js';
import { scramble32 } from './prng.js';
import { WireCache } from './wire-cache.js';
import type { ContactFields, ContactGroup, ContactRecord, GroupRecord, Person } from './types.js';

export class NotFoundError extends Error {}

const SYSTEM_GROUPS: [string, string][] = [
  ['myContacts', 'My Contacts'],
  ['starred', 'Starred'],
];
const FORBIDDEN_PATCH_KEYS = new Set(['resourceName', 'etag', 'metadata', 'memberships']);
/** Resource-name indices of re-keyed contacts live above those of generated ones. */
const REKEY_BASE = 0x80000000;
const SEED_EPOCH_MS = Date.UTC(2016, 0, 1);

const NO_GROUPS: readonly string[] = Object.freeze([]);

export class Store {
  /** All contacts ever created, indexed by uid (tombstones included). */
  records: ContactRecord[] = [];
  groups: GroupRecord[] = [];
  seq = 0;
  active = 0;
  private byName = new Map<string, ContactRecord>();
  private groupById = new Map<string, GroupRecord>();
  private nextIndex = 0;
  private rekeys = 0;
  private seedValue = 1;
  private userGroupsCreated = 0;
  /** Person JSON per contact for listings (see wire-cache.ts). */
  private readonly wire = new WireCache();
  /** The server's origin, put in place of Google's image host in photo URLs (photos.ts). */
  private photoOrigin: string | null = null;

  constructor(private readonly now: () => number) {}

  /** Replaces all data with `count` generated contacts and `groupCount` user labels. */
  seed(count: number, seed: number, groupCount: number): void {
    this.records = [];
    this.groups = [];
    this.byName.clear();
    this.groupById.clear();
    this.seq = 0;
    this.active = 0;
    this.nextIndex = 0;
    this.rekeys = 0;
    this.userGroupsCreated = 0;
    this.wire.clear();
    this.seedValue = seed;
    const seeded = new Date(SEED_EPOCH_MS).toISOString();
    for (const [id, formattedName] of SYSTEM_GROUPS) {
      this.insertGroup(id, id, formattedName, 'SYSTEM_CONTACT_GROUP', seeded);
    }
    for (let i = 0; i < groupCount; i++) this.createUserGroup(groupName(i), seeded);
    this.generate(count, true);
  }

  add(n: number): string[] {
    return this.generate(n, false).map((r) => r.resourceName);
  }

  private generate(n: number, seeding: boolean): ContactRecord[] {
    const labels = this.groups.filter((g) => g.groupType === 'USER_CONTACT_GROUP' && !g.deleted);
    const created: ContactRecord[] = [];
    for (let k = 0; k < n; k++) {
      const index = this.nextIndex++;
      const gen = generateMemberships(index, this.seedValue, labels.length);
      const ids = gen.labels.flatMap((l) => labels[l]?.id ?? []);
      if (gen.starred) ids.unshift('starred');
      const groups = ids.length > 0 ? ids : NO_GROUPS;
      const offset = (scramble32(index ^ this.seedValue) % (8 * 365 * 86400)) * 1000;
      const rec: ContactRecord = {
        uid: this.records.length,
        index,
        resourceName: contactResourceName(index),
        seq: ++this.seq,
        version: 1,
        updateTime: seeding ? SEED_EPOCH_MS + offset : this.now(),
        deleted: false,
        fields: null,
        groups,
      };
      for (const id of groups) this.memberDelta(id, 1);
      this.records.push(rec);
      this.byName.set(rec.resourceName, rec);
      this.active++;
      created.push(rec);
    }
    return created;
  }

  /** The contact's current fields (generated on demand until it is edited). */
  fieldsOf(rec: ContactRecord): ContactFields {
    return rec.fields ?? generateFields(rec.index, this.seedValue);
  }

  get(resourceName: string): ContactRecord | undefined {
    return this.byName.get(resourceName);
  }

  private mustGet(resourceName: string): ContactRecord {
    const rec = this.byName.get(resourceName);
    if (!rec) throw new NotFoundError(`No active contact ${resourceName}`);
    return rec;
  }

  private touch(rec: ContactRecord): void {
    rec.seq = ++this.seq;
    rec.version++;
    rec.updateTime = this.now();
  }

  /** Replaces the given top-level fields; `null` or `[]` removes a field. */
  update(resourceName: string, patch: Record<string, unknown>): ContactRecord {
    const rec = this.mustGet(resourceName);
    const fields: Record<string, unknown> = { ...this.fieldsOf(rec) };
    for (const [key, value] of Object.entries(patch)) {
      if (FORBIDDEN_PATCH_KEYS.has(key)) throw new Error(`Cannot patch ${key}`);
      if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) {
        delete fields[key];
      } else if (!Array.isArray(value)) {
        throw new Error(`Patch field ${key} must be an array`);
      } else {
        fields[key] = value.map((item: unknown) => {
          if (typeof item !== 'object' || item === null) throw new Error(`Bad item in ${key}`);
          const { metadata: _metadata, ...rest } = item as Record<string, unknown>;
          return rest;
        });
      }
    }
    rec.fields = fields as ContactFields;
    this.touch(rec);
    return rec;
  }

  delete(resourceName: string): void {
    const rec = this.mustGet(resourceName);
    for (const id of rec.groups) this.memberDelta(id, -1);
    rec.groups = NO_GROUPS;
    rec.deleted = true;
    this.byName.delete(resourceName);
    this.active--;
    this.touch(rec);
  }

  /** Undeletes a contact (as Google's bin does): listed again, changed, with no labels. */
  restore(resourceName: string): ContactRecord {
    const rec = this.records.findLast((r) => r.resourceName === resourceName && r.deleted);
    if (!rec || this.byName.has(resourceName)) {
      throw new NotFoundError(`No deleted contact ${resourceName}`);
    }
    rec.deleted = false;
    this.byName.set(resourceName, rec);
    this.active++;
    this.touch(rec);
    return rec;
  }

  rekey(resourceName: string): string {
    const rec = this.mustGet(resourceName);
    this.byName.delete(resourceName);
    rec.resourceName = contactResourceName(REKEY_BASE + this.rekeys++);
    this.byName.set(rec.resourceName, rec);
    this.touch(rec);
    rec.previous = [...(rec.previous ?? []), { resourceName, seq: rec.seq }];
    return rec.resourceName;
  }

  // ---- groups ----

  private insertGroup(
    id: string,
    name: string,
    formattedName: string,
    groupType: GroupRecord['groupType'],
    updateTime: string,
  ): GroupRecord {
    const g: GroupRecord = {
      id,
      name,
      formattedName,
      groupType,
      seq: ++this.seq,
      version: 1,
      updateTime,
      deleted: false,
      memberCount: 0,
    };
    this.groups.push(g);
    this.groupById.set(id, g);
    return g;
  }

  private createUserGroup(name: string, updateTime: string): GroupRecord {
    const id = hexId(this.userGroupsCreated++, 0x6c61626c);
    return this.insertGroup(id, name, name, 'USER_CONTACT_GROUP', updateTime);
  }

  addGroup(name: string): string {
    if (this.groups.some((g) => !g.deleted && g.name === name)) {
      throw new Error(`Contact group name "${name}" already exists`);
    }
    return `contactGroups/${this.createUserGroup(name, new Date(this.now()).toISOString()).id}`;
  }

  private mustGetGroup(resourceName: string, user = true): GroupRecord {
    const id = resourceName.replace(/^contactGroups\//, '');
    const g = this.groupById.get(id);
    if (!g || g.deleted) throw new NotFoundError(`No contact group ${resourceName}`);
    if (user && g.groupType !== 'USER_CONTACT_GROUP') {
      throw new Error(`${resourceName} is a system contact group`);
    }
    return g;
  }

  private touchGroup(g: GroupRecord): void {
    g.seq = ++this.seq;
    g.version++;
    g.updateTime = new Date(this.now()).toISOString();
  }

  renameGroup(resourceName: string, name: string): void {
    const g = this.mustGetGroup(resourceName);
    g.name = name;
    g.formattedName = name;
    this.touchGroup(g);
  }

  deleteGroup(resourceName: string): void {
    const g = this.mustGetGroup(resourceName);
    for (const rec of this.records) {
      if (!rec.deleted && rec.groups.includes(g.id)) {
        rec.groups = rec.groups.filter((id) => id !== g.id);
        this.touch(rec);
      }
    }
    g.deleted = true;
    g.memberCount = 0;
    this.touchGroup(g);
  }

  addMembership(contact: string, group: string): void {
    const rec = this.mustGet(contact);
    const g = this.mustGetGroup(group, group !== 'contactGroups/starred');
    if (rec.groups.includes(g.id)) return;
    rec.groups = [...rec.groups, g.id];
    this.memberDelta(g.id, 1);
    this.touch(rec);
  }

  removeMembership(contact: string, group: string): void {
    const rec = this.mustGet(contact);
    const g = this.mustGetGroup(group, group !== 'contactGroups/starred');
    if (!rec.groups.includes(g.id)) return;
    rec.groups = rec.groups.filter((id) => id !== g.id);
    this.memberDelta(g.id, -1);
    this.touch(rec);
  }

  private memberDelta(id: string, delta: number): void {
    const g = this.groupById.get(id);
    if (g) g.memberCount += delta;
  }

  // ---- wire projections ----

  /** Projects a contact to a People API Person. `mask` undefined = all fields. */
  toPerson(rec: ContactRecord, mask?: ReadonlySet<string>, sinceSeq?: number): Person {
    return personOf(rec, withPhotoOrigin(this.fieldsOf(rec), this.photoOrigin), mask, sinceSeq);
  }

  /** Where listings say photos are (the server's origin once it listens). */
  setPhotoOrigin(origin: string | null): void {
    this.photoOrigin = origin;
    this.wire.clear();
  }

  /**
   * `JSON.stringify(toPerson(rec, mask, sinceSeq))` as UTF-8, cached per record. `maskKey` names
   * the mask (sorted paths). `sinceSeq` only matters for re-keyed records, never cached.
   */
  personBytes(
    rec: ContactRecord,
    mask: ReadonlySet<string>,
    maskKey: string,
    sinceSeq?: number,
  ): Buffer {
    if (sinceSeq !== undefined && rec.previous) {
      return Buffer.from(JSON.stringify(this.toPerson(rec, mask, sinceSeq)), 'utf8');
    }
    return this.wire.get(rec, maskKey, () => JSON.stringify(this.toPerson(rec, mask)));
  }

  toGroup(g: GroupRecord): ContactGroup {
    return groupOf(g, g.id === 'myContacts' ? this.active : g.memberCount);
  }
}
