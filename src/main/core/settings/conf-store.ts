import path from 'node:path';
import Conf from 'conf';
import type { Settings } from './schema.js';
import type { SettingsStore } from './settings-service.js';

/** How the settings file is opened: one file, one shape, for every process that uses it. */
export interface SettingsFileOptions {
  cwd: string;
  configName: string;
  fileExtension: '';
  accessPropertiesByDotNotation: false;
  clearInvalidConfig: boolean;
  /** Private like the database (conf's default is 0666 less the umask); set on every write. */
  configFileMode: number;
}

/** conf, or in the desktop app electron-store (conf's Electron wrapper) with the same options. */
export type OpenSettingsFile = (options: SettingsFileOptions) => { store: Record<string, unknown> };

export const openWithConf: OpenSettingsFile = (options) =>
  new Conf<Record<string, unknown>>(options);

/**
 * Settings in a JSON file through conf (atomic writes). The Electron shell opens the same file
 * with electron-store (src/main/shell/settings-store.ts); validation stays in SettingsService.
 */
export class ConfSettingsStore implements SettingsStore {
  private readonly cwd: string;
  private readonly configName: string;

  constructor(
    readonly location: string,
    private readonly openFile: OpenSettingsFile = openWithConf,
  ) {
    this.cwd = path.dirname(location);
    this.configName = path.basename(location);
  }

  private open(clearInvalidConfig: boolean): { store: Record<string, unknown> } {
    return this.openFile({
      cwd: this.cwd,
      configName: this.configName,
      fileExtension: '', // the name above is the whole file name
      // Dotted keys would split account emails ("me@example.com") into nested objects.
      accessPropertiesByDotNotation: false,
      clearInvalidConfig,
      configFileMode: 0o600,
    });
  }

  read(): unknown {
    // A corrupt file must reach SettingsService as an error, so it can warn rather than pretend.
    const store = this.open(false).store;
    return Object.keys(store).length === 0 ? undefined : { ...store };
  }

  write(value: Settings): void {
    // Writing replaces a corrupt file; opening it must not fail for that reason.
    this.open(true).store = value as Record<string, unknown>;
  }
}

/** The CLI keeps settings beside the database it belongs to, like its token file. */
export function resolveSettingsFile(
  databasePath: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  return path.resolve(
    env['CONTACTS_SYNC_SETTINGS'] ?? path.join(path.dirname(databasePath), 'settings.json'),
  );
}
