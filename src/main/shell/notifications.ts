/**
 * Notifications only for what needs the person (DESIGN: "it never spams them"): a sync that
 * failed, or an account that needs signing in again — once per episode, never for routine
 * success, and not for a failure that was already there when the app started.
 */
import type { AppStatus } from '../../shared/api/contract.js';
import { needsSignIn } from '../core/api/status.js';
import type { ShowNotification } from './ports.js';

export interface NotificationPreferences {
  failures: boolean;
  signInNeeded: boolean;
}

export interface NotificationContent {
  title: string;
  body: string;
}

type Episode = 'sign_in' | 'failed';

export class NotificationPolicy {
  /** accountId → the episode already announced (or present at start-up). */
  private readonly announced = new Map<number, Episode>();
  /** Accounts whose withheld deletions were announced: once until they are settled. */
  private readonly deletionsAnnounced = new Set<number>();

  /** Takes the start-up status as already known, so old failures do not pop up at login. */
  prime(status: AppStatus): void {
    this.next(status, { failures: false, signInNeeded: false });
  }

  /** What to show for this status; remembers it so the same episode is shown once. */
  next(status: AppStatus, preferences: NotificationPreferences): NotificationContent[] {
    const out: NotificationContent[] = [];
    for (const summary of status.accounts) {
      const { account, lastRun } = summary;
      if (account.status === 'disconnected' || summary.running || lastRun?.status === 'running') {
        continue;
      }
      const deletions = this.withheldDeletions(summary, preferences);
      if (deletions) out.push(deletions);
      const episode: Episode | null = needsSignIn(summary)
        ? 'sign_in'
        : lastRun?.status === 'failed'
          ? 'failed'
          : null;
      if (episode === null) {
        if (lastRun?.status === 'success') this.announced.delete(account.id);
        continue;
      }
      if (this.announced.get(account.id) === episode) continue;
      this.announced.set(account.id, episode);
      if (episode === 'sign_in' && preferences.signInNeeded) {
        out.push({
          title: 'Sign-in needed',
          body: `Google no longer accepts the sign-in for ${account.email}. Open the app to sign in again.`,
        });
      } else if (episode === 'failed' && preferences.failures) {
        out.push({
          title: 'Contacts sync failed',
          body: `${account.email}: ${lastRun?.error?.message ?? 'the sync did not finish.'}`,
        });
      }
    }
    return out;
  }

  /** A successful run that withheld deletions is no failure, but it needs the person, once. */
  private withheldDeletions(
    { account, pendingDeletions }: AppStatus['accounts'][number],
    preferences: NotificationPreferences,
  ): NotificationContent | null {
    if (!pendingDeletions) {
      this.deletionsAnnounced.delete(account.id);
      return null;
    }
    if (this.deletionsAnnounced.has(account.id)) return null;
    this.deletionsAnnounced.add(account.id);
    if (!preferences.failures) return null;
    const n = pendingDeletions.count.toLocaleString('en-US');
    return {
      title: 'Deleted contacts wait for you',
      body:
        `${account.email}: ${n} contacts were deleted in Google. They are kept on this computer ` +
        'until you confirm. Open the app to decide.',
    };
  }
}

/** Shows the policy's notifications as status events arrive; a click opens the window. */
export class Notifier {
  private readonly policy = new NotificationPolicy();

  constructor(
    private readonly deps: {
      show: ShowNotification;
      preferences(): NotificationPreferences;
      open(): void;
    },
    initial: AppStatus,
  ) {
    this.policy.prime(initial);
  }

  onStatus(status: AppStatus): void {
    for (const content of this.policy.next(status, this.deps.preferences())) {
      this.deps.show(content, () => this.deps.open());
    }
  }
}

/** The part of Electron's Notification the holder uses. */
export interface NotificationLike {
  on(event: 'click', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  on(event: 'failed', listener: () => void): unknown;
  show(): void;
}

/** More than anyone reads; a platform that never reports 'close' must not grow this forever. */
const MAX_HELD = 20;

/**
 * Electron holds a Notification weakly: once the app drops its reference, the garbage collector
 * may take it and its click then reaches nobody. This keeps every notification until it is
 * clicked, closed or fails to show (or, past MAX_HELD, until newer ones push it out).
 */
export class NotificationHolder {
  private readonly held = new Set<NotificationLike>();

  constructor(private readonly create: (content: NotificationContent) => NotificationLike) {}

  readonly show: ShowNotification = (content, onClick) => {
    const notification = this.create(content);
    const release = () => this.held.delete(notification);
    notification.on('click', () => {
      release();
      onClick();
    });
    notification.on('close', release);
    notification.on('failed', release);
    this.held.add(notification);
    for (const oldest of this.held) {
      if (this.held.size <= MAX_HELD) break;
      this.held.delete(oldest);
    }
    notification.show();
  };

  /** How many notifications are waiting for the person. */
  get size(): number {
    return this.held.size;
  }
}
