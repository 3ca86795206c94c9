/** "Connect a Google account": one sign-in at a time, through the app state (Status, Settings). */
import type { AppState } from '../useAppState.js';

export function ConnectButton({ app }: { app: Pick<AppState, 'busy' | 'connect'> }) {
  const waiting = app.busy === 'connect';
  return (
    <button
      type="button"
      className="secondary"
      onClick={() => void app.connect()}
      disabled={waiting}
      aria-busy={waiting}
    >
      Connect a Google account
    </button>
  );
}
