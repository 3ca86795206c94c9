/** Settings: the schedule, notifications and start-up behaviour the contract supports. */
import { useEffect, useState } from 'react';
import type { ContactsApi, Settings, SettingsPatch } from '../../shared/api/contract.js';

const toggles: Array<[keyof Settings, string]> = [
  ['autoSync', 'Sync automatically every day (turn off to pause)'],
  ['notifyOnFailure', 'Notify me when a sync fails'],
  ['notifyOnSignInNeeded', 'Notify me when an account needs signing in again'],
  ['launchAtLogin', 'Launch at login'],
  ['startHidden', 'Start hidden in the tray'],
];

export function SettingsSection({
  api,
  pausedUntil,
}: {
  api: ContactsApi;
  pausedUntil: string | null;
}) {
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
      {pausedUntil && (
        <p className="notice">
          Automatic sync is paused{' '}
          {pausedUntil === 'indefinitely'
            ? 'indefinitely'
            : `until ${new Date(pausedUntil).toLocaleString()}`}
          .
        </p>
      )}
      <fieldset>
        <legend>Schedule</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={settings.autoSync}
            onChange={(e) => void update({ autoSync: e.target.checked })}
          />
          {toggles[0]![1]}
        </label>
        <label>
          Daily sync time{' '}
          <input
            type="time"
            value={settings.dailySyncTime}
            disabled={!settings.autoSync}
            onChange={(e) => e.target.value && void update({ dailySyncTime: e.target.value })}
          />
        </label>
      </fieldset>
      <fieldset>
        <legend>Notifications and start-up</legend>
        {toggles.slice(1).map(([key, label]) => (
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
      <p aria-live="polite" className="muted">
        {saved ? 'Saved.' : ''}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
