import type { Db } from './connection.js';
import type { Account, AccountStatus } from '../../../shared/domain.js';
import { AppError } from '../errors.js';

interface AccountRow {
  id: number;
  email: string;
  display_name: string | null;
  status: AccountStatus;
  connected_at: string;
}

const toAccount = (row: AccountRow): Account => ({
  id: row.id,
  email: row.email,
  displayName: row.display_name,
  status: row.status,
  connectedAt: row.connected_at,
});

export class AccountsRepo {
  constructor(private readonly db: Db) {}

  list(): Account[] {
    return this.db
      .prepare<[], AccountRow>('SELECT * FROM accounts ORDER BY email')
      .all()
      .map(toAccount);
  }

  findByEmail(email: string): Account | null {
    const row = this.db
      .prepare<[string], AccountRow>('SELECT * FROM accounts WHERE email = ?')
      .get(email);
    return row ? toAccount(row) : null;
  }

  get(id: number): Account {
    const row = this.db
      .prepare<[number], AccountRow>('SELECT * FROM accounts WHERE id = ?')
      .get(id);
    if (!row) throw new AppError('ACCOUNT_NOT_FOUND', `No account with id ${id}.`);
    return toAccount(row);
  }

  requireByEmail(email: string): Account {
    const account = this.findByEmail(email);
    if (!account) {
      throw new AppError(
        'ACCOUNT_NOT_FOUND',
        `No account ${email}. Run "contacts-sync accounts" to see the connected accounts.`,
      );
    }
    return account;
  }

  /** Adds the account, or marks an existing one (same email) connected again. */
  upsert(email: string, displayName: string | null, now: string): Account {
    this.db
      .prepare(
        `INSERT INTO accounts (email, display_name, status, connected_at) VALUES (?, ?, 'connected', ?)
         ON CONFLICT (email) DO UPDATE SET status = 'connected',
           display_name = COALESCE(excluded.display_name, display_name)`,
      )
      .run(email, displayName, now);
    return this.requireByEmail(email);
  }

  setStatus(id: number, status: AccountStatus): void {
    this.db.prepare('UPDATE accounts SET status = ? WHERE id = ?').run(status, id);
  }
}
