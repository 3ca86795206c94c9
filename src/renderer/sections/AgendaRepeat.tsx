/**
 * The mark of an occurrence of a recurring series. A series whose rule the app cannot expand is
 * shown once, at its first occurrence, and says so: its other dates are not in the agenda.
 */
import type { AgendaItem } from '../../shared/api/contract.js';

export function AgendaRepeat({ item }: { item: AgendaItem }) {
  if (!item.seriesId) return null;
  if (item.patternNotShown) {
    return (
      <span
        className="agenda-repeat pattern-not-shown"
        title="This event repeats, but its pattern could not be read: only its first date is shown. Google Calendar shows every date."
      >
        ↻ repeats — pattern not shown
      </span>
    );
  }
  return (
    <span className="agenda-repeat" title="Repeats" aria-label="Repeats">
      ↻
    </span>
  );
}
