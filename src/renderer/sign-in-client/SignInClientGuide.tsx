/**
 * The first-run guide (issue 18): shown on Status while no sign-in client is set up, so a person
 * who installed the app learns what Connect needs and can import it on the spot.
 */
import type { ContactsApi } from '../../shared/api/contract.js';
import { ClientFileImport } from './ClientFileImport.js';
import { ClientMessages } from './SignInClientSettings.js';
import { useSignInClient } from './useSignInClient.js';

export function SignInClientGuide({ api }: { api: ContactsApi }) {
  const client = useSignInClient(api);
  // Shown until a client exists; the note of a successful import stays in view once.
  if (client.info?.source !== 'none' && !client.note) return null;
  return (
    <section className="card guide" aria-labelledby="client-guide-heading">
      <h3 id="client-guide-heading">Before you connect: set up Google sign-in</h3>
      {client.info?.source === 'none' && (
        <>
          <p>
            Google lets an app read your contacts only through an OAuth client of your own. It takes
            a few minutes, once:
          </p>
          <ol>
            <li>
              In Google Cloud Console (console.cloud.google.com), create a project or pick one.
            </li>
            <li>
              Under APIs &amp; Services → Library, enable the <strong>People API</strong> (and the{' '}
              <strong>Google Calendar API</strong> if you will mirror calendars).
            </li>
            <li>
              Under OAuth consent screen, choose External and add your own address as a test user.
            </li>
            <li>
              Under Credentials, create an OAuth client ID of type <strong>Desktop app</strong> and
              download its JSON file.
            </li>
            <li>Import that file here (or later in Settings → Google sign-in client).</li>
          </ol>
          <ClientFileImport client={client} />
        </>
      )}
      <ClientMessages client={client} />
    </section>
  );
}
