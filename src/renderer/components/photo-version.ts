/**
 * How many times photos changed since the window opened: photos arrive after a sync, in the
 * background, so avatars already on screen ask again when it changes (a new `?v=` in their URL).
 * One counter for the window, fed by the app's `photosUpdated` events (`useWatchPhotos`).
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { ContactsApi } from '../../shared/api/contract.js';

let version = 0;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Bumps the counter at each `photosUpdated` event while the caller is mounted (the App). */
export function useWatchPhotos(api: ContactsApi): void {
  useEffect(
    () =>
      api.onPhotosUpdated(() => {
        version++;
        for (const listener of listeners) listener();
      }),
    [api],
  );
}

export function usePhotoVersion(): number {
  return useSyncExternalStore(subscribe, () => version);
}
