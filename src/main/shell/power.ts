/** Electron's powerMonitor as the scheduler's PowerEvents: resume from sleep → catch-up. */
import type { PowerEvents } from '../core/schedule/ports.js';

export interface PowerMonitorLike {
  on(event: 'resume', listener: () => void): unknown;
  removeListener(event: 'resume', listener: () => void): unknown;
}

export function powerEventsFrom(monitor: PowerMonitorLike): PowerEvents {
  return {
    onResume(listener) {
      monitor.on('resume', listener);
      return () => {
        monitor.removeListener('resume', listener);
      };
    },
  };
}
