/**
 * The persisted settings of background sync, with a runtime schema. Every field has a default, so
 * a missing or invalid field is simply its default (see SettingsService).
 */
import { z } from 'zod';
import { SYNC_EVERY_HOURS } from '../../../shared/api/types.js';
import type { SyncResource } from '../../../shared/domain.js';

/** Hours that divide a day (the API offers the same list). */
export const EVERY_HOURS = SYNC_EVERY_HOURS;
export type EveryHours = (typeof EVERY_HOURS)[number];

/** Google's sync tokens live 7 days: an interval at or past that would force full syncs. */
export const MAX_ADAPTIVE_CAP_HOURS = 6 * 24;

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const systemTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time as HH:MM');
const everyHours = z
  .number()
  .refine((n): n is EveryHours => (EVERY_HOURS as readonly number[]).includes(n), {
    message: `one of ${EVERY_HOURS.join(', ')}`,
  });
/** An ISO instant, or 'indefinitely' (until resumed). */
const pausedUntil = z.union([z.iso.datetime({ offset: true }), z.literal('indefinitely')]);
const timeZone = z.string().refine(isValidTimeZone, 'an IANA time zone such as Europe/Berlin');

/** One account's schedule; every field optional so an account overrides only what it sets. */
export const scheduleOverrideSchema = z.object({
  enabled: z.boolean().optional(),
  /** Local time of the first run of the day. */
  at: hhmm.optional(),
  /** 24 = daily at `at`; otherwise every N hours starting at `at`. */
  everyHours: everyHours.optional(),
  pausedUntil: pausedUntil.nullable().optional(),
  /** IANA zone the local time is read in; absent = the computer's zone. */
  timeZone: timeZone.optional(),
});
export type ScheduleOverride = z.infer<typeof scheduleOverrideSchema>;

export const settingsSchema = z.looseObject({
  schedule: z
    .object({
      enabled: z.boolean().default(true),
      at: hhmm.default('02:00'),
      everyHours: everyHours.default(24),
      pausedUntil: pausedUntil.nullable().default(null),
      timeZone: timeZone.optional(),
    })
    .default({ enabled: true, at: '02:00', everyHours: 24, pausedUntil: null }),
  /** Keyed by the account's email, lower case. */
  accounts: z.record(z.string(), scheduleOverrideSchema).default({}),
  policies: z
    .object({
      circuitFailures: z.number().int().min(1).max(100).default(3),
      circuitOpenMinutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60)
        .default(60),
      adaptiveAfterRuns: z.number().int().min(1).max(100).default(5),
      adaptiveCapHours: z.number().int().min(24).max(MAX_ADAPTIVE_CAP_HOURS).default(96),
      /** DESIGN §6: an overdue run happens about a minute after start or wake-up. */
      catchUpDelaySeconds: z.number().int().min(0).max(3600).default(60),
      /** DESIGN §5: a run deleting more than this share of an account's contacts stops and asks. */
      massDeletionPercent: z.number().int().min(1).max(100).default(50),
    })
    .default({
      circuitFailures: 3,
      circuitOpenMinutes: 60,
      adaptiveAfterRuns: 5,
      adaptiveCapHours: 96,
      catchUpDelaySeconds: 60,
      massDeletionPercent: 50,
    }),
  /**
   * Calendar sync (issue #7): off until the person turns it on, since it needs the calendar
   * read-only scope, asked for at the next sign-in. Its own cadence; on/off, pause and time zone
   * follow the account's schedule. From 00:00 every 4 h, so it never shares the default 02:00
   * contacts slot.
   */
  calendar: z
    .object({
      enabled: z.boolean().default(false),
      everyHours: everyHours.default(4),
      at: hhmm.default('00:00'),
      /** Contact birthdays Google adds to the primary calendar (eventType `birthday`). */
      showBirthdays: z.boolean().default(false),
    })
    .default({ enabled: false, everyHours: 4, at: '00:00', showBirthdays: false }),
  /**
   * The person's own Google OAuth client (issue 18): its ID here, its secret in the token vault.
   * null: the packaged default client, if any.
   */
  signInClient: z
    .object({ clientId: z.string().min(1).max(300).nullable().default(null) })
    .default({ clientId: null }),
  /** The local CardDAV server and Cisco phone directory (issue 16): both off by default. */
  sharing: z
    .object({
      carddav: z
        .object({
          enabled: z.boolean().default(false),
          port: z.number().int().min(1024).max(65_535).default(5233),
        })
        .default({ enabled: false, port: 5233 }),
      cisco: z
        .object({
          enabled: z.boolean().default(false),
          host: z.string().default('127.0.0.1'),
          port: z.number().int().min(1024).max(65_535).default(5234),
          allowList: z.array(z.string()).default([]),
          outsideLinePrefix: z.string().default(''),
          homeCountry: z.string().nullable().default(null),
          internationalPrefix: z.string().default('00'),
        })
        .default({
          enabled: false,
          host: '127.0.0.1',
          port: 5234,
          allowList: [],
          outsideLinePrefix: '',
          homeCountry: null,
          internationalPrefix: '00',
        }),
    })
    .default({
      carddav: { enabled: false, port: 5233 },
      cisco: {
        enabled: false,
        host: '127.0.0.1',
        port: 5234,
        allowList: [],
        outsideLinePrefix: '',
        homeCountry: null,
        internationalPrefix: '00',
      },
    }),
  /** Contact photos (issue 12): the most the on-disk cache holds, in MB. */
  photos: z
    .object({ cacheMb: z.number().int().min(10).max(10_000).default(200) })
    .default({ cacheMb: 200 }),
});
export type Settings = z.infer<typeof settingsSchema>;
export type PolicySettings = Settings['policies'];

export const defaultSettings = (): Settings => settingsSchema.parse({});

/** The schedule that applies to one account: the global one with the account's overrides. */
export interface AccountSchedule {
  enabled: boolean;
  at: string;
  everyHours: EveryHours;
  pausedUntil: string | null;
  timeZone: string;
}

export function scheduleFor(
  settings: Settings,
  email: string,
  resource: SyncResource = 'contacts',
): AccountSchedule {
  const own = settings.accounts[email.toLowerCase()] ?? {};
  const merged = { ...settings.schedule, ...stripUndefined(own) };
  const schedule: AccountSchedule = {
    enabled: merged.enabled,
    at: merged.at,
    everyHours: merged.everyHours as EveryHours,
    pausedUntil: merged.pausedUntil ?? null,
    timeZone: merged.timeZone ?? systemTimeZone(),
  };
  if (resource === 'contacts') return schedule;
  const { calendar } = settings;
  return {
    ...schedule,
    enabled: schedule.enabled && calendar.enabled,
    at: calendar.at,
    everyHours: calendar.everyHours as EveryHours,
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
