/**
 * A runtime schema for every request (DESIGN §1, §9). Every request is a strict object: unknown
 * keys are refused, so a typo or a hostile payload never reaches a handler half-understood.
 */
import { z } from 'zod';
import { RUN_STATUSES } from '../domain.js';
import type { ApiMethod } from './methods.js';
import { EXPORT_FORMATS } from './types.js';

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const limit = (max: number) => z.number().int().min(1).max(max);
/** Google's people/… resource names; the length bound keeps hostile input out of SQL. */
const resourceName = z
  .string()
  .max(200)
  .regex(/^people\/[A-Za-z0-9_-]+$/, 'Expected a contact resource name like people/c123');
const email = z
  .string()
  .max(320)
  .regex(/^[^\s@]+@[^\s@]+$/, 'Expected an email address');
const empty = z.strictObject({});

const settingsPatch = z
  .strictObject({
    launchAtLogin: z.boolean(),
    startHidden: z.boolean(),
    autoSync: z.boolean(),
    dailySyncTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected a time like 02:00'),
    notifyOnFailure: z.boolean(),
    notifyOnSignInNeeded: z.boolean(),
  })
  .partial();

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
  }),
  clearHistory: empty,
  getStatistics: z.strictObject({ accountId: id.optional() }),
  getSyncHealth: empty,
  searchContacts: z.strictObject({
    text: z.string().max(500),
    limit: limit(500).optional(),
    accountId: id.optional(),
  }),
  getContact: z.strictObject({ accountId: id, resourceName }),
  listLabels: z.strictObject({ accountId: id.optional() }),
  listAccounts: empty,
  connectAccount: z.strictObject({ loginHint: email.optional() }),
  cancelConnect: empty,
  disconnectAccount: z.strictObject({ accountId: id, deleteData: z.boolean().optional() }),
  getSettings: empty,
  updateSettings: settingsPatch,
  exportContacts: z.strictObject({
    format: z.enum(EXPORT_FORMATS),
    accountId: id.optional(),
    includeDeleted: z.boolean().optional(),
  }),
} satisfies Record<ApiMethod, z.ZodType>;

/** What a caller sends. */
export type ApiRequest<M extends ApiMethod> = z.input<(typeof REQUEST_SCHEMAS)[M]>;
/** What a handler receives, after validation. */
export type ParsedRequest<M extends ApiMethod> = z.output<(typeof REQUEST_SCHEMAS)[M]>;
export type SettingsPatch = z.output<typeof settingsPatch>;
