/**
 * "Pause auto-sync" for an hour, until tomorrow or until resumed, and while paused "Paused until …
 * — Resume" (DESIGN §6, the same pause as the tray's). The pause shown is the app status's, so a
 * pause or resume from the tray shows here too.
 */
import { useState } from 'react';
import type { ContactsApi, PauseChoice } from '../../../shared/api/contract.js';
import { clockTime, exactTime } from '../../format.js';

const CHOICES: Array<[PauseChoice, string]> = [
  ['1h', 'For 1 hour'],
  ['tomorrow', 'Until tomorrow'],
  ['indefinitely', 'Until I resume'],
];

/** "until 4 May, 14:00" for an instant; today's date is left out. */
export function pausedUntilText(pausedUntil: string): string {
  if (pausedUntil === 'indefinitely') return 'Paused until you resume';
  const until = new Date(pausedUntil);
  const today = until.toDateString() === new Date().toDateString();
  const time = clockTime(until);
  const day = until.toLocaleDateString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  });
  return `Paused until ${today ? time : `${day}, ${time}`}`;
}

export function PauseAutoSync({
  api,
  pausedUntil,
  autoSync,
}: {
  api: ContactsApi;
  pausedUntil: string | null;
  autoSync: boolean;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // The status event that follows the call updates `pausedUntil`; the answer only reports errors.
  const run = async (call: () => ReturnType<ContactsApi['resumeAutoSync']>) => {
    setBusy(true);
    const result = await call();
    setBusy(false);
    setError(result.ok ? null : result.error.message);
  };

  return (
    <div data-testid="pause-auto-sync">
      {pausedUntil ? (
        <p className="pause-row" role="status">
          <span title={pausedUntil === 'indefinitely' ? undefined : exactTime(pausedUntil)}>
            {pausedUntilText(pausedUntil)}
          </span>
          <span aria-hidden="true">—</span>
          <button
            type="button"
            disabled={busy}
            onClick={() => void run(() => api.resumeAutoSync())}
          >
            Resume
          </button>
        </p>
      ) : (
        <div className="pause-row" role="group" aria-labelledby="pause-auto-sync-label">
          <span id="pause-auto-sync-label">Pause auto-sync</span>
          {CHOICES.map(([until, label]) => (
            <button
              key={until}
              type="button"
              className="secondary"
              disabled={busy || !autoSync}
              onClick={() => void run(() => api.pauseAutoSync({ until }))}
            >
              {label}
            </button>
          ))}
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
