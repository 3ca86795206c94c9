/**
 * The Google OAuth client sign-ins use (issue 18): loaded once, kept current by statusChanged
 * (every change announces one, also from another window), changed through the API.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ApiResult, ContactsApi, SignInClientInfo } from '../../shared/api/contract.js';

export interface SignInClientState {
  info: SignInClientInfo | null;
  /** The last refusal, in the core's words (never the secret: the core does not repeat it). */
  error: string | null;
  /** What just happened, for a polite live region. */
  note: string;
  busy: boolean;
  importFile(file: File): Promise<void>;
  save(clientId: string, clientSecret: string): Promise<boolean>;
  clear(): Promise<void>;
}

/** FileReader rather than `File.text()`: the same in Electron, browsers and the test DOM. */
function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsText(file);
  });
}

export function useSignInClient(api: ContactsApi): SignInClientState {
  const [info, setInfo] = useState<SignInClientInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const result = await api.getSignInClient();
    if (result.ok) setInfo(result.value);
    else setError(result.error.message);
  }, [api]);

  useEffect(() => {
    void load();
    return api.onStatusChanged(() => void load());
  }, [api, load]);

  const apply = useCallback(
    async (call: () => Promise<ApiResult<SignInClientInfo>>, done: string): Promise<boolean> => {
      setBusy(true);
      setNote('');
      try {
        const result = await call();
        if (!result.ok) {
          setError(result.error.message);
          return false;
        }
        setInfo(result.value);
        setError(null);
        setNote(done);
        return true;
      } finally {
        setBusy(false);
      }
    },
    [],
  );

  const importFile = useCallback(
    async (file: File) => {
      let json: string;
      try {
        json = await readText(file);
      } catch {
        setError(`${file.name} could not be read. Choose the file again.`);
        return;
      }
      await apply(() => api.setSignInClient({ json }), `Imported ${file.name}.`);
    },
    [api, apply],
  );

  const save = useCallback(
    (clientId: string, clientSecret: string) =>
      apply(() => api.setSignInClient({ clientId, clientSecret }), 'Saved.'),
    [api, apply],
  );

  const clear = useCallback(async () => {
    await apply(() => api.clearSignInClient(), 'Your sign-in client was removed.');
  }, [api, apply]);

  return { info, error, note, busy, importFile, save, clear };
}
