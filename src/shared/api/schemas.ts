/**
 * A runtime schema for every request (DESIGN §1, §9). Every request is a strict object: unknown
 * keys are refused, so a typo or a hostile payload never reaches a handler half-understood.
 */
import { z } from 'zod';
import { RUN_STATUSES, SYNC_RESOURCES } from '../domain.js';
import type { ApiMethod } from './methods.js';
import { sharingPatchSchema } from './sharing.js';
import { EXPORT_FORMATS, PAUSE_CHOICES, SYNC_EVERY_HOURS, type SyncEveryHours } from './types.js';
import { CONTACT_SORTS } from './contact-list.js';

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const limit = (max: number) => z.number().int().min(1).max(max);
/** Google's people/… resource names; the length bound keeps hostile input out of SQL. */
const resourceName = z
  .string()
  .max(200)
  .regex(/^people\/[A-Za-z0-9_-]+$/, 'Expected a contact resource name like people/c123');
/** A label's contactGroups/… resource name, bounded like `resourceName`. */
const labelResourceName = z
  .string()
  .max(200)
  .regex(/^contactGroups\/[A-Za-z0-9_-]+$/, 'Expected a label like contactGroups/myContacts');
const email = z
  .string()
  .max(320)
  .regex(/^[^\s@]+@[^\s@]+$/, 'Expected an email address');
const empty = z.strictObject({});
/** Google's calendar ids: an email, or …@group.calendar.google.com; bounded and printable. */
const calendarId = z
  .string()
  .min(1)
  .max(500)
  .regex(/^[^\s\p{Cc}]+$/u, 'Expected a calendar id like name@example.com');
/** A real client file is under 1 KB; the core refuses anything over 64 KB with its own message. */
const MAX_CLIENT_FILE_CHARS = 1_000_000;
/** An ISO 8601 instant with its offset, e.g. 2026-03-10T00:00:00Z. */
const instant = z.iso.datetime({ offset: true });

const settingsPatch = z
  .strictObject({
    launchAtLogin: z.boolean(),
    startHidden: z.boolean(),
    autoSync: z.boolean(),
    dailySyncTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected a time like 02:00'),
    notifyOnFailure: z.boolean(),
    notifyOnSignInNeeded: z.boolean(),
    syncEveryHours: z
      .number()
      .refine((n) => (SYNC_EVERY_HOURS as readonly number[]).includes(n), {
        message: `Expected one of ${SYNC_EVERY_HOURS.join(', ')} hours`,
      })
      .transform((n) => n as SyncEveryHours),
    /** null: follow the computer's time zone. */
    timeZone: z
      .string()
      .max(100)
      .refine(isTimeZone, 'Expected a time zone such as Europe/Berlin')
      .nullable(),
    massDeletionPercent: z
      .number()
      .int('Expected a whole percentage')
      .min(1, 'Expected a percentage from 1 to 100')
      .max(100, 'Expected a percentage from 1 to 100'),
    /** Calendar sync on/off and its own interval (issue #7). */
    calendarSync: z.boolean(),
    calendarEveryHours: z
      .number()
      .refine((n) => (SYNC_EVERY_HOURS as readonly number[]).includes(n), {
        message: `Expected one of ${SYNC_EVERY_HOURS.join(', ')} hours`,
      })
      .transform((n) => n as SyncEveryHours),
    calendarShowBirthdays: z.boolean(),
    contactSort: z.enum(CONTACT_SORTS),
    phoneRegion: z
      .string()
      .regex(/^[A-Z]{2}$/, 'Expected a two-letter country code such as GB')
      .nullable(),
    photoCacheMb: z
      .number()
      .int('Expected a whole number of MB')
      .min(10, 'Expected from 10 to 10000 MB')
      .max(10_000, 'Expected from 10 to 10000 MB'),
  })
  .partial();

/** An IANA zone this runtime knows (the schema cannot import the core's settings code). */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

export const REQUEST_SCHEMAS = {
  getStatus: empty,
  syncNow: z.strictObject({
    accountId: id.optional(),
    full: z.boolean().optional(),
    allowMassDeletion: z.boolean().optional(),
  }),
  cancelSync: z.strictObject({ accountId: id.optional() }),
  listHistory: z.strictObject({
    limit: limit(1000).optional(),
    accountId: id.optional(),
    status: z.enum(RUN_STATUSES).optional(),
    resource: z.enum(SYNC_RESOURCES).optional(),
  }),
  clearHistory: empty,
  getRunChanges: z.strictObject({
    runId: id,
    offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    limit: limit(500).optional(),
  }),
  getStatistics: z.strictObject({ accountId: id.optional() }),
  getTimeline: z.strictObject({
    accountId: id.optional(),
    days: z.number().int().min(1).max(365).optional(),
  }),
  getSyncHealth: empty,
  searchContacts: z.strictObject({
    text: z.string().max(500),
    limit: limit(500).optional(),
    /** Rows to skip: the list asks for the page around what is on screen. */
    offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    accountId: id.optional(),
    labelResourceName: labelResourceName.optional(),
    sort: z.enum(CONTACT_SORTS).optional(),
  }),
  getContact: z.strictObject({ accountId: id, resourceName }),
  listLabels: z.strictObject({ accountId: id.optional() }),
  listAccounts: empty,
  connectAccount: z.strictObject({ loginHint: email.optional() }),
  cancelConnect: empty,
  disconnectAccount: z.strictObject({ accountId: id, deleteData: z.boolean().optional() }),
  getSettings: empty,
  updateSettings: settingsPatch,
  pauseAutoSync: z.strictObject({ until: z.enum(PAUSE_CHOICES) }),
  resumeAutoSync: empty,
  exportContacts: z
    .strictObject({
      format: z.enum(EXPORT_FORMATS),
      accountId: id.optional(),
      includeDeleted: z.boolean().optional(),
      /** The list's current label filter and search text. */
      labelResourceName: labelResourceName.optional(),
      text: z.string().max(500).optional(),
      /** Exactly these contacts (a selection of deleted ones), deleted or not. */
      contacts: z
        .array(z.strictObject({ accountId: id, resourceName }))
        .min(1, 'Select at least one contact')
        .max(100_000)
        .optional(),
    })
    .refine(
      (r) =>
        r.contacts === undefined || (r.text === undefined && r.labelResourceName === undefined),
      'Export either selected contacts or a search and label, not both',
    ),
  listCalendars: z.strictObject({ accountId: id.optional() }),
  setCalendarSelected: z.strictObject({ accountId: id, calendarId, selected: z.boolean() }),
  /** Defaults and the bound on the range are applied by the handler (it knows the time). */
  getAgenda: z.strictObject({
    from: instant.optional(),
    to: instant.optional(),
    query: z.string().max(200).optional(),
    accountId: id.optional(),
  }),
  getCalendarStatus: empty,
  getSignInClient: empty,
  /** The file Google Cloud Console downloads (read by the renderer), or an ID and secret. */
  setSignInClient: z
    .strictObject({
      json: z.string().min(1).max(MAX_CLIENT_FILE_CHARS).optional(),
      clientId: z.string().trim().min(1, 'Enter the client ID').max(300).optional(),
      clientSecret: z.string().trim().min(1, 'Enter the client secret').max(300).optional(),
    })
    .refine(
      (r) =>
        r.json !== undefined
          ? r.clientId === undefined && r.clientSecret === undefined
          : r.clientId !== undefined && r.clientSecret !== undefined,
      'Send either the client file (json) or both the client ID and secret',
    ),
  clearSignInClient: empty,
  listDeletedContacts: z.strictObject({
    accountId: id.optional(),
    limit: limit(500).optional(),
    offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  }),
  getSharing: empty,
  updateSharing: sharingPatchSchema,
  regenerateSharingPassword: empty,
  /** The A–Z sections of the list searchContacts pages through with the same filters. */
  contactLetters: z.strictObject({
    text: z.string().max(500),
    accountId: id.optional(),
    labelResourceName: labelResourceName.optional(),
    sort: z.enum(CONTACT_SORTS).optional(),
  }),
} satisfies Record<ApiMethod, z.ZodType>;

/** What a caller sends. */
export type ApiRequest<M extends ApiMethod> = z.input<(typeof REQUEST_SCHEMAS)[M]>;
/** What a handler receives, after validation. */
export type ParsedRequest<M extends ApiMethod> = z.output<(typeof REQUEST_SCHEMAS)[M]>;
export type SettingsPatch = z.output<typeof settingsPatch>;
