/**
 * Settings: schedule, Google sign-in client, accounts, safety limit, notifications and start-up, data location. Each
 * part is its own component under ./settings; this one loads and saves.
 */
import { useEffect, useState } from 'react';
import type { ContactsApi, Settings, SettingsPatch } from '../../shared/api/contract.js';
import type { AppState } from '../useAppState.js';
import { AccountsSettings } from './settings/AccountsSettings.js';
import { CalendarSettings } from './settings/CalendarSettings.js';
import { ContactsSettings } from './settings/ContactsSettings.js';
import { DataLocation } from './settings/DataLocation.js';
import { SafetySettings } from './settings/SafetySettings.js';
import { SharingSettings } from './settings/SharingSettings.js';
import { PhotoSettings } from './settings/PhotoSettings.js';
import { ScheduleSettings } from './settings/ScheduleSettings.js';
import { SignInClientSettings } from '../sign-in-client/SignInClientSettings.js';

const toggles: Array<[keyof Settings, string]> = [
  ['notifyOnFailure', 'Notify me when a sync fails'],
  ['notifyOnSignInNeeded', 'Notify me when an account needs signing in again'],
  ['launchAtLogin', 'Launch at login'],
  ['startHidden', 'Start hidden in the tray'],
];

export function SettingsSection({ api, app }: { api: ContactsApi; app: AppState }) {
  const pausedUntil = app.status?.autoSyncPausedUntil ?? null;
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    void api.getSettings().then((r) => (r.ok ? setSettings(r.value) : setError(r.error.message)));
  }, [api]);

  const update = async (patch: SettingsPatch) => {
    setSaved(false);
    const result = await api.updateSettings(patch);
    if (result.ok) {
      setSettings(result.value);
      setError(null);
      setSaved(true);
    } else setError(result.error.message);
  };

  if (!settings)
    return error ? (
      <p className="error" role="alert">
        {error}
      </p>
    ) : (
      <p className="muted">Loading…</p>
    );
  return (
    <form className="settings" onSubmit={(e) => e.preventDefault()}>
      {/* The pause, with its Resume, is shown in the schedule part. */}
      {/* Above the parts, with its line kept, so the outcome of a change is seen without a jump. */}
      <div className="save-status">
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : (
          <p aria-live="polite" className="muted">
            {saved ? 'Saved.' : ''}
          </p>
        )}
      </div>
      <ScheduleSettings api={api} settings={settings} update={update} pausedUntil={pausedUntil} />
      <SignInClientSettings api={api} />
      <AccountsSettings api={api} app={app} />
      <CalendarSettings api={api} app={app} settings={settings} update={update} />
      <SafetySettings settings={settings} update={update} />
      <ContactsSettings settings={settings} update={update} />
      <PhotoSettings settings={settings} update={update} />
      <fieldset>
        <legend>Notifications and start-up</legend>
        {toggles.map(([key, label]) => (
          <label key={key} className="check">
            <input
              type="checkbox"
              checked={settings[key] as boolean}
              onChange={(e) => void update({ [key]: e.target.checked })}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <SharingSettings api={api} />
      <DataLocation directory={settings.dataDirectory} />
    </form>
  );
}
