/**
 * One account on Status: its state in one sentence, the one action it needs, the last and next
 * sync in words (per resource where a calendar is mirrored too), and deletions held back.
 */
import type { AccountStatusSummary } from '../../shared/domain.js';
import type { SignInWait } from '../../shared/api/contract.js';
import { timeAgo } from '../../shared/api/status-text.js';
import { count, exactTime } from '../format.js';
import { SignInWaiting } from './SignInWaiting.js';
import type { AccountStory } from './story.js';
import { dayAndTime } from './when.js';

export interface AccountCardProps {
  summary: AccountStatusSummary;
  story: AccountStory;
  /** The badge's word (accountState), shared with Settings → Accounts. */
  badge: string;
  now: Date;
  nextRunAt: string | null;
  pausedUntil: string | null;
  /** When calendars are mirrored too: each resource's last successful sync (from Activity). */
  perResource: { contacts: string | null; calendar: string } | null;
  /** A reconnect of this account waiting for the browser. */
  signIn: SignInWait | null;
  /** Whether the card's action is the page's primary button (filled). */
  primary: boolean;
  onReconnect: () => void;
  onResume: () => void;
  onAllowDeletions: () => void;
  onCancelSignIn: () => void;
}

function When({ iso, now }: { iso: string | null; now: Date }) {
  return <span title={exactTime(iso)}>{timeAgo(iso, now)}</span>;
}

function NextSync({ props }: { props: AccountCardProps }) {
  const { summary, nextRunAt, pausedUntil, now } = props;
  // While paused, the card's sentence already says until when.
  if (summary.account.status !== 'connected' || pausedUntil || !nextRunAt) return null;
  return (
    <>
      <dt>Next sync</dt>
      <dd>
        <span title={exactTime(nextRunAt)}>{dayAndTime(nextRunAt, now)}</span>
      </dd>
    </>
  );
}

function CardAction({ props }: { props: AccountCardProps }) {
  const className = props.primary ? undefined : 'secondary';
  switch (props.story.action) {
    case 'reconnect':
      return (
        <button type="button" className={className} onClick={props.onReconnect}>
          Reconnect
        </button>
      );
    case 'connect-again':
      return (
        <button type="button" className={className} onClick={props.onReconnect}>
          Connect again
        </button>
      );
    case 'resume':
      return (
        <button type="button" className={className} onClick={props.onResume}>
          Resume
        </button>
      );
    case 'confirm-deletions':
    case null:
      return null;
  }
}

export function AccountCard(props: AccountCardProps) {
  const { summary, story, badge, now, perResource, signIn } = props;
  return (
    <article className={`card account-card tone-${story.tone}`} aria-label={summary.account.email}>
      <h3>{summary.account.email}</h3>
      <p>
        <span className={`badge badge-${badge.replaceAll(' ', '-')}`}>{badge}</span>
      </p>
      <p className="story" data-testid="account-story">
        {story.sentence}
      </p>
      {signIn ? (
        <SignInWaiting wait={signIn} onCancel={props.onCancelSignIn} heading={false} />
      ) : (
        <div className="actions">
          <CardAction props={props} />
        </div>
      )}
      <dl className="facts">
        <dt>Contacts</dt>
        <dd>{count(summary.contacts)}</dd>
        {perResource ? (
          <>
            <dt>Contacts synced</dt>
            <dd>
              <When iso={perResource.contacts} now={now} />
            </dd>
            <dt>Calendar synced</dt>
            <dd>
              <When iso={perResource.calendar} now={now} />
            </dd>
          </>
        ) : (
          <>
            <dt>Last sync</dt>
            <dd>
              <When iso={summary.lastSuccessAt} now={now} />
            </dd>
          </>
        )}
        <NextSync props={props} />
      </dl>
      {summary.pendingDeletions && (
        <PendingDeletions
          count={summary.pendingDeletions.count}
          onConfirm={props.onAllowDeletions}
        />
      )}
    </article>
  );
}

/**
 * Deletions the mass-deletion guard withholds: account state, shown whatever the last run was
 * (a calendar run, say) until the person confirms or the contacts come back in Google.
 */
function PendingDeletions({ count: n, onConfirm }: { count: number; onConfirm: () => void }) {
  return (
    <div className="card-error" data-testid="pending-deletions">
      <p>
        {count(n)} {n === 1 ? 'contact was' : 'contacts were'} deleted in Google Contacts. They are
        kept here until you confirm, because that is more than a sync deletes without asking.
      </p>
      <p>If you removed them on purpose, let the sync delete them here too.</p>
      <button type="button" className="danger" onClick={onConfirm}>
        Yes, delete them and sync
      </button>
    </div>
  );
}
