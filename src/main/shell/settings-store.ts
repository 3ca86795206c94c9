/**
 * The desktop app's settings and window state through electron-store, Electron's wrapper of
 * conf: the same settings.json the CLI and the daemon read and write through conf, with the same
 * options and the same schema (SettingsService validates both).
 */
import ElectronStore from 'electron-store';
import { ConfSettingsStore, type OpenSettingsFile } from '../core/settings/conf-store.js';
import type { SettingsStore } from '../core/settings/settings-service.js';

export const openWithElectronStore: OpenSettingsFile = ({ configName, ...options }) =>
  new ElectronStore<Record<string, unknown>>({ ...options, name: configName });

export function electronSettingsStore(location: string): SettingsStore {
  return new ConfSettingsStore(location, openWithElectronStore);
}
