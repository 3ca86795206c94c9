/** Internal record types of the fake Google server. Wire types come from @googleapis/people. */
import type { people_v1 } from '@googleapis/people';

export type Person = people_v1.Schema$Person;
export type ContactGroup = people_v1.Schema$ContactGroup;

/** The fields of a contact that generation and `updateContact` patches set. */
export type ContactFields = Omit<Person, 'resourceName' | 'etag' | 'metadata' | 'memberships'>;

export interface ContactRecord {
  /** Position in the store's record list; stable across rekeys, defines listing order. */
  uid: number;
  /** Generation index (data.ts); fixes the source id and, until edited, the fields. */
  index: number;
  resourceName: string;
  /** Global change sequence of the last create/update/delete/rekey/membership change. */
  seq: number;
  /** Bumped on every change; feeds the etags. */
  version: number;
  /** Epoch milliseconds. */
  updateTime: number;
  deleted: boolean;
  /** Earlier resource names with the seq at which the contact left them. */
  previous?: { resourceName: string; seq: number }[];
  /** null until edited: the fields are then regenerated from `index` on demand (saves memory). */
  fields: ContactFields | null;
  /** Group ids besides the implicit `myContacts` (e.g. 'starred' or user label ids). */
  groups: readonly string[];
}

export type GroupType = 'SYSTEM_CONTACT_GROUP' | 'USER_CONTACT_GROUP';

export interface GroupRecord {
  id: string;
  name: string;
  formattedName: string;
  groupType: GroupType;
  seq: number;
  version: number;
  updateTime: string;
  deleted: boolean;
  memberCount: number;
}
