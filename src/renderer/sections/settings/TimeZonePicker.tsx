/**
 * The schedule's time zone: a text field with the ~420 zones as suggestions (type "Ber", get
 * Europe/Berlin), operable by keyboard like any field. A name that is no zone is refused in words
 * and not saved; the computer's own zone is the default and one button away.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import './time-zone.css';

/** Every zone this runtime knows, plus the saved one should it be missing from the list. */
function zoneChoices(current: string | null): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return current && !zones.includes(current) ? [current, ...zones] : zones;
}

/** "new york", "America/New York" and "america/new_york" all name America/New_York. */
const normalize = (text: string) => text.trim().toLowerCase().replaceAll(' ', '_');

export function TimeZonePicker({
  timeZone,
  systemTimeZone,
  disabled,
  onChange,
}: {
  /** The saved zone; null follows the computer's. */
  timeZone: string | null;
  systemTimeZone: string;
  disabled: boolean;
  onChange: (timeZone: string | null) => void;
}) {
  const zones = useMemo(() => zoneChoices(timeZone), [timeZone]);
  const shown = timeZone ?? systemTimeZone;
  const [text, setText] = useState(shown);
  const [invalid, setInvalid] = useState(false);
  const id = useId();
  useEffect(() => {
    setText(shown);
    setInvalid(false);
  }, [shown]);

  const find = (value: string): string | undefined => {
    const wanted = normalize(value);
    return zones.find((z) => normalize(z) === wanted);
  };
  const type = (value: string) => {
    setText(value);
    setInvalid(false);
    const zone = find(value);
    // A suggestion picked (or a whole name typed) is saved at once; part of a name waits.
    if (zone && zone !== timeZone) onChange(zone);
  };
  const settle = () => {
    const zone = find(text);
    if (zone) setText(zone);
    else setInvalid(text.trim() !== shown);
    if (!zone && text.trim() === '') setText(shown);
  };

  return (
    <div className="time-zone">
      <label htmlFor={`${id}-input`}>Time zone</label>
      <input
        id={`${id}-input`}
        list={`${id}-zones`}
        value={text}
        disabled={disabled}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={invalid}
        aria-describedby={`${id}-hint${invalid ? ` ${id}-error` : ''}`}
        onChange={(e) => type(e.target.value)}
        onBlur={settle}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            settle();
          } else if (e.key === 'Escape' && text !== shown) {
            e.preventDefault(); // an open run detail elsewhere must not close as well
            setText(shown);
            setInvalid(false);
          }
        }}
      />
      <datalist id={`${id}-zones`}>
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      {invalid && (
        <p id={`${id}-error`} className="error" role="alert">
          “{text.trim()}” is not a time zone. Type part of a city, such as “Berlin”, and choose from
          the list.
        </p>
      )}
      <p id={`${id}-hint`} className="muted time-zone-hint">
        {timeZone === null ? (
          <>This computer’s time zone. Type to search, e.g. “Ber” for Europe/Berlin.</>
        ) : (
          <>
            Type to search, e.g. “Ber” for Europe/Berlin.{' '}
            <button
              type="button"
              className="link"
              disabled={disabled}
              onClick={() => onChange(null)}
            >
              Use this computer’s time zone ({systemTimeZone})
            </button>
          </>
        )}
      </p>
    </div>
  );
}
