/**
 * A contact's picture: the Google photo the app cached, or initials on a colour of the name.
 * The initials are drawn first and stay under the photo, so a photo still loading (or gone since
 * the list was read) never leaves an empty circle. Decorative: the name is
 * always written next to it.
 */
import { useState } from 'react';
import { photoPath } from '../../shared/photos.js';
import { AVATAR_TEXT_COLOUR, avatarColour, initialsOf } from './avatar-style.js';
import { usePhotoVersion } from './photo-version.js';
import './avatar.css';

export function Avatar({
  accountId,
  resourceName,
  name,
  hasPhoto,
  size = 'small',
}: {
  accountId: number;
  resourceName: string;
  /** Whether a photo is cached; without one only the initials are drawn, and nothing is asked. */
  hasPhoto: boolean;
  /** What the row shows as the contact's name (display name, else email or phone). */
  name: string;
  size?: 'small' | 'large';
}) {
  const path = hasPhoto ? photoPath(accountId, resourceName) : null;
  const version = usePhotoVersion();
  const src = path && version > 0 ? `${path}?v=${version}` : path;
  // Which photo loaded: a row reused for another contact must not show the previous one's.
  const [loaded, setLoaded] = useState<string | null>(null);
  return (
    <span
      className={`avatar ${size}`}
      aria-hidden="true"
      data-photo={src !== null && loaded === src ? 'shown' : 'none'}
      style={{ backgroundColor: avatarColour(name), color: AVATAR_TEXT_COLOUR }}
    >
      <span className="initials">{initialsOf(name)}</span>
      {src && (
        <img
          key={src}
          src={src}
          alt=""
          decoding="async"
          className={loaded === src ? 'loaded' : undefined}
          onLoad={() => setLoaded(src)}
          onError={() => setLoaded(null)}
        />
      )}
    </span>
  );
}
