/** How much disk the cached contact photos may use (issue 12). */
import type { SettingsControlProps } from './ScheduleSettings.js';

/** Choices in MB; a value set elsewhere (the settings file) is offered as it is. */
const CHOICES = [50, 100, 200, 500, 1000, 2000];

const label = (mb: number) => (mb >= 1000 ? `${mb / 1000} GB` : `${mb} MB`);

export function PhotoSettings({ settings, update }: SettingsControlProps) {
  const current = settings.photoCacheMb;
  const choices = CHOICES.includes(current) ? CHOICES : [...CHOICES, current].sort((a, b) => a - b);
  return (
    <fieldset>
      <legend>Photos</legend>
      <label>
        Keep contact photos up to
        <select
          value={current}
          aria-describedby="photo-cache-help"
          onChange={(e) => void update({ photoCacheMb: Number(e.target.value) })}
        >
          {choices.map((mb) => (
            <option key={mb} value={mb}>
              {label(mb)}
            </option>
          ))}
        </select>
      </label>
      <p className="muted" id="photo-cache-help">
        Photos are downloaded from Google after each sync and kept in the data folder. Past this
        size the photos shown least recently are removed; those contacts show their initials.
      </p>
    </fieldset>
  );
}
