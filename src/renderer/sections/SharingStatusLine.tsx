/**
 * On Status: whether the CardDAV server and the phone directory serve, and the last app that
 * connected — nothing at all while both are off (the default).
 */
import { useEffect, useState } from 'react';
import { dateTime } from '../format.js';
import type { ContactsApi, SharingStatus } from '../../shared/api/contract.js';

const REFRESH_MS = 30_000;

export function SharingStatusLine({ api }: { api: ContactsApi }) {
  const [sharing, setSharing] = useState<SharingStatus | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      void api.getSharing().then((r) => {
        if (live && r.ok) setSharing(r.value);
      });
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [api]);
  if (!sharing || (!sharing.carddav.enabled && !sharing.cisco.enabled)) return null;
  const { carddav, cisco } = sharing;
  return (
    <section className="card sharing-status" aria-label="Sharing with other apps">
      {carddav.enabled && (
        <p>
          {carddav.url ? (
            <>
              Apps read your contacts at <code>{carddav.url}</code>.{' '}
              {carddav.lastClient
                ? `Last connection ${dateTime(carddav.lastClient.at)}${carddav.lastClient.userAgent ? ` (${carddav.lastClient.userAgent})` : ''}.`
                : 'No app has connected yet.'}
            </>
          ) : (
            `CardDAV is not serving: ${carddav.error ?? 'starting…'}`
          )}
        </p>
      )}
      {cisco.enabled && (
        <p>
          {cisco.url ? (
            <>
              Phones read the directory at <code>{cisco.url}</code>.
            </>
          ) : (
            `The phone directory is not serving: ${cisco.error ?? 'starting…'}`
          )}
        </p>
      )}
    </section>
  );
}
