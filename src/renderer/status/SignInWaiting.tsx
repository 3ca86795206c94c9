/**
 * A sign-in waiting for the browser: what to do, the link to copy when no browser opened (or the
 * wrong one did), Cancel, and when it gives up.
 */
import { useState } from 'react';
import type { SignInWait } from '../../shared/api/contract.js';
import { clockTime } from './when.js';

export function SignInWaiting({
  wait,
  onCancel,
  heading,
}: {
  wait: SignInWait;
  onCancel: () => void;
  /** A new connection has no account card yet: the panel is its own card with a heading. */
  heading: boolean;
}) {
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copyLink = () => {
    // The clipboard can be refused (no permission, no focus): the link is then shown to select.
    navigator.clipboard.writeText(wait.url).then(
      () => setCopy('copied'),
      () => setCopy('failed'),
    );
  };
  const title = 'Finish signing in in your browser';
  return (
    <div className="sign-in-wait" data-testid="sign-in-wait">
      {heading ? <h3>{title}</h3> : <p className="sign-in-title">{title}</p>}
      <p>
        Google’s sign-in page should be open in your browser. If it is not, copy the link and open
        it there. This sign-in gives up at {clockTime(new Date(wait.expiresAt))}.
      </p>
      <div className="actions">
        <button type="button" onClick={copyLink}>
          Copy link
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <p role="status" className="muted">
        {copy === 'copied' && 'Link copied. Paste it into your browser’s address bar.'}
      </p>
      {copy === 'failed' && (
        <label className="sign-in-link">
          The link could not be copied; select it here:
          <input readOnly value={wait.url} onFocus={(e) => e.currentTarget.select()} />
        </label>
      )}
    </div>
  );
}
