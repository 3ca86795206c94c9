/**
 * The mass-deletion guard (DESIGN §5) as the settings set it. The orchestrator asks at the start
 * of every contacts run, so a threshold changed in Settings (or by another process sharing the
 * settings file) applies to the next run without a restart.
 */
import type { Settings } from '../settings/schema.js';
import { DEFAULT_MASS_DELETION_GUARD, type MassDeletionGuard } from './deletion-guard.js';

export const massDeletionGuardFrom = (settings: { get(): Settings }) => (): MassDeletionGuard => ({
  ...DEFAULT_MASS_DELETION_GUARD,
  share: settings.get().policies.massDeletionPercent / 100,
});
