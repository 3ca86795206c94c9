/** How Contacts writes phone numbers: for the region of the computer's language, or another. */
import { getCountries } from 'libphonenumber-js/min';
import { regionOfLocale } from '../../contact-format.js';
import type { SettingsControlProps } from './ScheduleSettings.js';

const browserLocale = () => (typeof navigator === 'undefined' ? 'en-US' : navigator.language);

/** Every region libphonenumber knows, by its name in the person's language. */
function regions(locale: string): Array<[code: string, name: string]> {
  const names = new Intl.DisplayNames([locale], { type: 'region' });
  return getCountries()
    .map((code): [string, string] => [code, names.of(code) ?? code])
    .sort((a, b) => a[1].localeCompare(b[1], locale));
}

export function ContactsSettings({ settings, update }: SettingsControlProps) {
  const locale = browserLocale();
  const own = regionOfLocale(locale);
  const ownName = own ? new Intl.DisplayNames([locale], { type: 'region' }).of(own) : null;
  return (
    <fieldset>
      <legend>Contacts</legend>
      <label>
        Write phone numbers as in
        <select
          value={settings.phoneRegion ?? ''}
          onChange={(e) => void update({ phoneRegion: e.target.value || null })}
        >
          <option value="">
            {ownName ? `${ownName} (from the computer’s language)` : 'The computer’s language'}
          </option>
          {regions(locale).map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <p className="muted">
        Numbers from that country are written the way it writes them (020 7946 0000), others in full
        (+1 212 555 0100). Copying and calling use the number as Google holds it.
      </p>
    </fieldset>
  );
}
