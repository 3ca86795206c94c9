import type { z } from 'zod';
import type { SyncResource } from '../../../shared/domain.js';
import { toAppError } from '../errors.js';
import { createLogger } from '../logger.js';
import {
  defaultSettings,
  scheduleFor,
  settingsSchema,
  type AccountSchedule,
  type Settings,
} from './schema.js';

const log = createLogger('settings');

/**
 * Where settings are kept: conf under Node (ConfSettingsStore), electron-store in the shell.
 * `read` returns the raw persisted value (undefined when nothing is stored) and may throw when the
 * file is unreadable or not JSON; the service turns that into defaults.
 */
export interface SettingsStore {
  read(): unknown;
  write(value: Settings): void;
  /** For messages: the file, or what else holds the settings. */
  readonly location: string;
}

export class MemorySettingsStore implements SettingsStore {
  readonly location = 'memory';
  constructor(private value: unknown = undefined) {}
  read(): unknown {
    return this.value;
  }
  write(value: Settings): void {
    this.value = structuredClone(value);
  }
}

export interface LoadedSettings {
  settings: Settings;
  /** What was wrong with the stored settings and was replaced by defaults. */
  warnings: string[];
}

/** Removes the value an issue points at, so the schema's default takes its place. */
function dropAt(root: unknown, path: readonly PropertyKey[]): boolean {
  if (path.length === 0) return false;
  let node = root;
  for (const key of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return false;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  if (typeof node !== 'object' || node === null) return false;
  return delete (node as Record<PropertyKey, unknown>)[path[path.length - 1] as PropertyKey];
}

const describeIssue = (issue: z.core.$ZodIssue) =>
  `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`;

/**
 * Validates persisted settings. Never throws for bad content: a corrupt file gives all defaults,
 * an invalid field gives that field's default, and each case is logged as a warning.
 */
export function parseSettings(raw: unknown): LoadedSettings {
  if (raw === undefined || raw === null) return { settings: defaultSettings(), warnings: [] };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { settings: defaultSettings(), warnings: ['(root): not an object; using defaults'] };
  }
  const value: unknown = structuredClone(raw);
  const warnings: string[] = [];
  // Each pass drops the fields the schema rejected; a few passes settle nested cases.
  for (let pass = 0; pass < 5; pass++) {
    const result = settingsSchema.safeParse(value);
    if (result.success) return { settings: result.data, warnings };
    let dropped = false;
    for (const issue of result.error.issues) {
      warnings.push(`${describeIssue(issue)}; using the default`);
      dropped = dropAt(value, issue.path) || dropped;
    }
    if (!dropped) break;
  }
  return { settings: defaultSettings(), warnings: [...warnings, 'using all defaults'] };
}

export class SettingsService {
  private current: Settings | null = null;
  private lastWarnings = '';

  constructor(private readonly store: SettingsStore) {}

  get location(): string {
    return this.store.location;
  }

  /** Re-reads the store (the daemon does, to see changes made by `contacts-sync schedule`). */
  reload(): LoadedSettings {
    let loaded: LoadedSettings;
    try {
      loaded = parseSettings(this.store.read());
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      loaded = { settings: defaultSettings(), warnings: [`cannot be read (${reason})`] };
    }
    const text = loaded.warnings.join('; ');
    // Warn once per distinct problem, not on every reload.
    if (text && text !== this.lastWarnings) {
      log.warn(`settings in ${this.store.location} are invalid; defaults are used instead`, {
        problems: loaded.warnings,
      });
    }
    this.lastWarnings = text;
    this.current = loaded.settings;
    return loaded;
  }

  get(): Settings {
    return this.current ?? this.reload().settings;
  }

  scheduleFor(email: string, resource?: SyncResource): AccountSchedule {
    return scheduleFor(this.get(), email, resource);
  }

  /** Applies `change` to a copy of the current settings, validates and persists it. */
  update(change: (draft: Settings) => void): Settings {
    const draft = structuredClone(this.get());
    change(draft);
    const next = settingsSchema.parse(draft);
    try {
      this.store.write(next);
    } catch (error) {
      // A full disk or a read-only folder: say so, and where, rather than "Unexpected error".
      throw toAppError(error, { file: this.store.location });
    }
    this.current = next;
    return next;
  }
}
