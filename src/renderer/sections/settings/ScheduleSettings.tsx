/**
 * The schedule: on/off, "Sync every day at 02:00" or "every N hours starting at …", the time zone
 * it is read in, the local times that gives, and when the next run is planned.
 */
import { useEffect, useState } from 'react';
import type { ContactsApi, Settings, SettingsPatch } from '../../../shared/api/contract.js';
import { dateTime, exactTime } from '../../format.js';
import { PauseAutoSync } from './PauseAutoSync.js';
import { IntervalSelect } from './IntervalSelect.js';
import { describeSlots } from './schedule-text.js';
import { TimeZonePicker } from './TimeZonePicker.js';

export interface SettingsControlProps {
  settings: Settings;
  update: (patch: SettingsPatch) => Promise<void>;
}

interface NextRun {
  at: string;
  account: string;
}

/** The earliest planned run over the accounts; asked again when the settings or pause change. */
function useNextRun(
  api: ContactsApi,
  settings: Settings,
  pausedUntil: string | null,
): NextRun | null | 'loading' {
  const [next, setNext] = useState<NextRun | null | 'loading'>('loading');
  useEffect(() => {
    let current = true;
    void api.getSyncHealth().then((result) => {
      if (!current) return;
      const planned = result.ok
        ? result.value.accounts
            .filter((a) => a.nextRunAt !== null)
            .map((a) => ({ at: a.nextRunAt as string, account: a.account }))
            .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
        : [];
      setNext(planned[0] ?? null);
    });
    return () => {
      current = false;
    };
  }, [api, settings, pausedUntil]);
  return next;
}

export function ScheduleSettings({
  api,
  settings,
  update,
  pausedUntil,
}: SettingsControlProps & { api: ContactsApi; pausedUntil: string | null }) {
  const next = useNextRun(api, settings, pausedUntil);
  const daily = settings.syncEveryHours === 24;
  const zone = settings.timeZone ?? settings.systemTimeZone;

  let nextText: string;
  if (!settings.autoSync) nextText = 'Automatic sync is off: contacts sync only when you ask.';
  else if (next === 'loading') nextText = '';
  else if (next) nextText = `Next scheduled run: ${dateTime(next.at)} (${next.account}).`;
  else if (pausedUntil === 'indefinitely') nextText = 'No run is planned until you resume.';
  else nextText = 'No run is planned here: the desktop app plans runs for connected accounts.';

  return (
    <fieldset>
      <legend>Schedule</legend>
      <label className="check">
        <input
          type="checkbox"
          checked={settings.autoSync}
          onChange={(e) => void update({ autoSync: e.target.checked })}
        />
        Sync automatically
      </label>
      <PauseAutoSync api={api} pausedUntil={pausedUntil} autoSync={settings.autoSync} />
      <div className="schedule-row" role="group" aria-label="When to sync">
        <label>
          Sync
          <IntervalSelect
            value={settings.syncEveryHours}
            disabled={!settings.autoSync}
            onChange={(hours) => void update({ syncEveryHours: hours })}
          />
        </label>
        <label>
          {daily ? 'at' : 'starting at'}
          <input
            type="time"
            value={settings.dailySyncTime}
            disabled={!settings.autoSync}
            onChange={(e) => e.target.value && void update({ dailySyncTime: e.target.value })}
          />
        </label>
      </div>
      <TimeZonePicker
        timeZone={settings.timeZone}
        systemTimeZone={settings.systemTimeZone}
        disabled={!settings.autoSync}
        onChange={(timeZone) => void update({ timeZone })}
      />
      {settings.autoSync && (
        <p className="muted" data-testid="schedule-slots">
          {describeSlots(settings.dailySyncTime, settings.syncEveryHours, zone)}
        </p>
      )}
      <p className="muted" data-testid="next-run" aria-live="polite">
        <span title={next && next !== 'loading' ? exactTime(next.at) : undefined}>{nextText}</span>
      </p>
    </fieldset>
  );
}
