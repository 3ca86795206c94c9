/** The "every day / every N hours" choice, shared by the contacts and the calendar schedules. */
import type { SyncEveryHours } from '../../../shared/api/contract.js';
import { EVERY_HOURS_CHOICES, everyHoursLabel } from './schedule-text.js';

export function IntervalSelect({
  value,
  disabled,
  onChange,
}: {
  value: SyncEveryHours;
  disabled: boolean;
  onChange: (hours: SyncEveryHours) => void;
}) {
  return (
    <select
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(Number(e.target.value) as SyncEveryHours)}
    >
      {EVERY_HOURS_CHOICES.map((hours) => (
        <option key={hours} value={hours}>
          {everyHoursLabel(hours)}
        </option>
      ))}
    </select>
  );
}
