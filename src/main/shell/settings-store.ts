/**
 * The desktop app's settings through electron-store, Electron's wrapper of conf: the same
 * settings.json the CLI and the daemon read and write through conf, with the same options and
 * the same schema (SettingsService validates both).
 */
import ElectronStore from 'electron-store';
import { ConfSettingsStore } from '../core/settings/conf-store.js';
import type { SettingsStore } from '../core/settings/settings-service.js';

export function electronSettingsStore(location: string): SettingsStore {
  return new ConfSettingsStore(
    location,
    ({ configName, ...options }) =>
      new ElectronStore<Record<string, unknown>>({ ...options, name: configName }),
  );
}
