/** Picks the client file Google Cloud Console downloaded; it is read here and sent as text. */
import { useId } from 'react';
import type { SignInClientState } from './useSignInClient.js';

export function ClientFileImport({ client }: { client: SignInClientState }) {
  const id = useId();
  return (
    <p className="path-row">
      <label htmlFor={id}>Import the client file (JSON)</label>
      <input
        id={id}
        type="file"
        accept="application/json,.json"
        disabled={client.busy}
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Cleared, so choosing the same file again (after fixing it) imports it again.
          event.target.value = '';
          if (file) void client.importFile(file);
        }}
      />
    </p>
  );
}
