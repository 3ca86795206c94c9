import { PAUSE_CHOICES, type PauseChoice } from '../../../shared/api/types.js';
import { AppError } from '../errors.js';
import { instantOf, localDayPlus } from './local-time.js';

// One list for the CLI, the tray and the API's schema.
export { PAUSE_CHOICES, type PauseChoice };

export function isPauseChoice(value: string): value is PauseChoice {
  return (PAUSE_CHOICES as readonly string[]).includes(value);
}

/**
 * DESIGN §6 pause choices, as the `pausedUntil` setting: an hour from now, the start of the next
 * local day, or until resumed.
 */
export function pausedUntil(choice: PauseChoice, now: number, timeZone: string): string {
  switch (choice) {
    case '1h':
      return new Date(now + 3_600_000).toISOString();
    case 'tomorrow':
      return new Date(
        instantOf({ ...localDayPlus(now, 1, timeZone), hour: 0, minute: 0 }, timeZone),
      ).toISOString();
    case 'indefinitely':
      return 'indefinitely';
    default:
      throw new AppError('INVALID_ARGUMENT', `Pause for ${PAUSE_CHOICES.join(', ')}.`);
  }
}
