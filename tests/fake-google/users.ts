/** Address books per Google user: the primary one, plus any user signed in through the OAuth flow. */
import type { Store } from './store.js';

export class UserStores {
  private readonly others = new Map<string, Store>();

  constructor(
    private readonly primaryEmail: string,
    private readonly primary: Store,
    /** A new, empty address book (system and user labels seeded). */
    private readonly create: () => Store,
  ) {}

  /** The primary user's store when `email` is absent or theirs; others are created on first use. */
  of(email: string | undefined): Store {
    const key = email?.toLowerCase();
    if (!key || key === this.primaryEmail) return this.primary;
    let store = this.others.get(key);
    if (!store) {
      store = this.create();
      this.others.set(key, store);
    }
    return store;
  }

  /** Forgets every user but the primary one. */
  clear(): void {
    this.others.clear();
  }
}
