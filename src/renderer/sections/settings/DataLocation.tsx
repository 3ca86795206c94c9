/** Where the contacts database lives, with a button to copy the path (for backups or support). */
import { useState } from 'react';

export function DataLocation({ directory }: { directory: string }) {
  const [note, setNote] = useState('');
  const copy = () => {
    if (!navigator.clipboard) {
      setNote('Copying is not available here: select the path and copy it.');
      return;
    }
    navigator.clipboard.writeText(directory).then(
      () => setNote('Path copied.'),
      () => setNote('The path could not be copied: select it and copy it.'),
    );
  };
  return (
    <fieldset>
      <legend>Data location</legend>
      <p>Your contacts, sync history and settings are kept on this computer in:</p>
      <p className="path-row">
        <code data-testid="data-directory">{directory}</code>
        <button type="button" className="secondary" onClick={copy}>
          Copy path
        </button>
      </p>
      <p className="muted" aria-live="polite">
        {note}
      </p>
    </fieldset>
  );
}
