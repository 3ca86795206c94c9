/** "Connect a Google account": one sign-in at a time, through the app state (Status, Settings). */
import type { AppState } from '../useAppState.js';

export function ConnectButton({
  app,
  primary = false,
}: {
  app: Pick<AppState, 'busy' | 'connect'>;
  /** Filled when connecting is the next useful step (first run). */
  primary?: boolean;
}) {
  const waiting = app.busy === 'connect';
  return (
    <button
      type="button"
      className={primary ? undefined : 'secondary'}
      onClick={() => void app.connect()}
      disabled={waiting}
      aria-busy={waiting}
    >
      Connect a Google account
    </button>
  );
}
