/** Settings → Google sign-in client: which OAuth client sign-ins use; import, paste or remove. */
import { useState, type FormEvent } from 'react';
import type { ContactsApi, SignInClientSource } from '../../shared/api/contract.js';
import { ClientFileImport } from './ClientFileImport.js';
import { useSignInClient, type SignInClientState } from './useSignInClient.js';

const SOURCE_TEXT: Record<SignInClientSource, string> = {
  env: 'set by GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET (development); it overrides your own',
  user: 'your own client',
  default: 'the client this copy of the app came with; importing your own replaces it',
  none: 'none yet: connecting an account needs one',
};

/** The outcome of the last change: a refusal as an alert, a success politely. */
export function ClientMessages({ client }: { client: SignInClientState }) {
  return client.error ? (
    <p className="error" role="alert">
      {client.error}
    </p>
  ) : (
    <p className="muted" aria-live="polite">
      {client.note}
    </p>
  );
}

export function SignInClientSettings({ api }: { api: ContactsApi }) {
  const client = useSignInClient(api);
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const { info } = client;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    // Cleared only once stored: a refused value stays, so it can be corrected.
    if (await client.save(clientId, clientSecret)) {
      setClientId('');
      setClientSecret('');
    }
  };

  return (
    <fieldset>
      <legend>Google sign-in client</legend>
      <p data-testid="sign-in-client">
        {info === null ? (
          'Loading…'
        ) : (
          <>
            {info.clientId ? <code>{info.clientId}</code> : null}
            {info.clientId ? ' — ' : ''}
            {SOURCE_TEXT[info.source]}
          </>
        )}
      </p>
      <p className="muted">
        Create an OAuth client of type “Desktop app” in Google Cloud Console (with the People API
        enabled) and import the JSON file it downloads, or paste its ID and secret. The secret is
        kept with your sign-in tokens, not in the settings file.
      </p>
      <ClientFileImport client={client} />
      {/* A div, not a nested form: Settings is one form already. */}
      <div className="client-paste" role="group" aria-label="Paste the client ID and secret">
        <label>
          Client ID
          <input
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={clientId}
            onChange={(e) => setClientId(e.target.value)}
          />
        </label>
        <label>
          Client secret
          <input
            type="password"
            autoComplete="off"
            value={clientSecret}
            onChange={(e) => setClientSecret(e.target.value)}
          />
        </label>
        <button
          type="button"
          disabled={client.busy || !clientId.trim() || !clientSecret.trim()}
          onClick={(e) => void save(e)}
        >
          Save client
        </button>
      </div>
      {info?.source === 'user' && (
        <button
          type="button"
          className="secondary"
          disabled={client.busy}
          onClick={() => void client.clear()}
        >
          Remove my client
        </button>
      )}
      <ClientMessages client={client} />
    </fieldset>
  );
}
