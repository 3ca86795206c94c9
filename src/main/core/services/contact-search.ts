/**
 * The contact list's one query: a page of active contacts by name (all of them, or those matching
 * the search text), optionally of one account and one label, with how many match in all.
 * Matches are ordered by name too, not by FTS rank: the list is one alphabetical list whether
 * filtered or not, and pages of it must stay consistent while the person scrolls.
 */
import type { ContactSort } from '../../../shared/api/contact-list.js';
import type { ContactPage } from '../../../shared/domain.js';
import type { Db } from '../db/connection.js';
import type { Statement } from 'better-sqlite3';
import { toFtsQuery } from './search-query.js';

export interface ContactSearchOptions {
  limit?: number;
  offset?: number;
  accountId?: number;
  /** A contactGroups/… resource name: only contacts carrying that label. */
  labelResourceName?: string;
  /** By first name (the display name, the default) or by last name (schema-contact-sort). */
  sort?: ContactSort;
}

/** The column each order sorts by; both have indexes of their own. */
export const sortColumn = (sort: ContactSort = 'first'): string =>
  sort === 'last' ? 'c.sort_last' : 'c.display_name';

interface Row {
  account_id: number;
  resource_name: string;
  display_name: string | null;
  sort_name: string | null;
  emails: string;
  phones: string;
  total: number;
  has_photo: number;
}

type Params = Record<string, string | number>;

/**
 * Prepared statements per shape of query (text or not, account or not, label or not): the
 * filters are written into the SQL rather than as `? IS NULL OR …`, so SQLite can walk the index
 * that matches both the filter and the order (migration 3's name index, or the account's).
 */
export class ContactSearch {
  private readonly statements = new Map<string, Statement<Params, Row>>();
  private readonly counts = new Map<string, Statement<Params, { n: number }>>();

  constructor(private readonly db: Db) {}

  /**
   * Blank text lists every contact; text with nothing to search for (punctuation only) matches
   * none, rather than presenting the whole list as its results.
   */
  search(text: string, options: ContactSearchOptions = {}): ContactPage {
    const match = toFtsQuery(text);
    const offset = options.offset ?? 0;
    if (match === null && text.trim() !== '') return { contacts: [], total: 0, offset };
    const params: Params = { limit: options.limit ?? 50, offset };
    if (match !== null) params['match'] = match;
    if (options.accountId !== undefined) params['account'] = options.accountId;
    if (options.labelResourceName !== undefined) params['label'] = options.labelResourceName;
    const shape = ['match', 'account', 'label'].filter((key) => key in params);

    const rows = this.rows(shape, params, options.sort ?? 'first');
    // count(*) OVER () comes with the rows; a page past the end has none, so count apart.
    const total =
      rows[0]?.total ?? (offset === 0 ? 0 : (this.count(shape).get(withoutPaging(params))?.n ?? 0));
    return {
      contacts: rows.map((row) => ({
        accountId: row.account_id,
        resourceName: row.resource_name,
        displayName: row.display_name,
        emails: JSON.parse(row.emails) as string[],
        phones: JSON.parse(row.phones) as string[],
        sortName: row.sort_name,
        hasPhoto: row.has_photo === 1,
      })),
      total,
      offset,
    };
  }

  private rows(shape: string[], params: Params, sort: ContactSort): Row[] {
    return withNarrowIndex((narrow) => this.statement(shape, narrow, sort).all(params));
  }

  private statement(
    shape: string[],
    narrowIndex: boolean,
    sort: ContactSort,
  ): Statement<Params, Row> {
    const key = `${shape.join(',')}/${narrowIndex}/${sort}`;
    let statement = this.statements.get(key);
    if (!statement) {
      statement = this.db.prepare<Params, Row>(searchSql(shape, { narrowIndex, sort }));
      this.statements.set(key, statement);
    }
    return statement;
  }

  private count(shape: string[]): Statement<Params, { n: number }> {
    const key = shape.join(',');
    let statement = this.counts.get(key);
    if (!statement) {
      statement = this.db.prepare<Params, { n: number }>(`SELECT count(*) AS n ${from(shape)}`);
      this.counts.set(key, statement);
    }
    return statement;
  }
}

/**
 * The page query of a search of the given shape (keys among 'match', 'account', 'label'; its
 * parameters are named: :match, :account, :label, :limit, :offset). Exported for the test that
 * checks its query plan.
 */
export function searchSql(
  shape: readonly string[],
  { narrowIndex = true, sort = 'first' }: { narrowIndex?: boolean; sort?: ContactSort } = {},
): string {
  // Full-text matches are sorted in a temporary B-tree anyway, so counting them there with
  // count(*) OVER () is nearly free. The list by name instead walks an index in order and
  // stops after the page; a window function would make SQLite read and sort every row
  // (330 ms instead of 6 ms at 100,000 contacts), so its total is a separate subquery,
  // evaluated once per statement.
  const byText = shape.includes('match');
  return `WITH page AS (
       SELECT c.id, ${sortColumn(sort)} AS name${byText ? ', count(*) OVER () AS total' : ''}
       ${from(shape, narrowIndex, sort)}
       ORDER BY ${sortColumn(sort)} COLLATE NOCASE, c.id
       LIMIT :limit OFFSET :offset
     )
     SELECT c.account_id, c.resource_name, c.display_name, page.name AS sort_name,
       ${byText ? 'page.total' : `(SELECT count(*) ${from(shape)}) AS total`},
       (SELECT json_group_array(value) FROM (SELECT value FROM contact_emails
          WHERE contact_id = c.id ORDER BY position)) AS emails,
       (SELECT json_group_array(raw) FROM (SELECT raw FROM contact_phones
          WHERE contact_id = c.id ORDER BY position)) AS phones,
       EXISTS (SELECT 1 FROM contact_photos p WHERE p.contact_id = c.id AND p.state = 'cached')
         AS has_photo
     FROM page JOIN contacts c ON c.id = page.id
     ORDER BY page.name COLLATE NOCASE, page.id`;
}

/**
 * Runs a query with the narrow index (`INDEXED BY`), or without it while it is missing: a first
 * import drops the secondary indexes until its last page (BulkImport), and the query then joins
 * through the table, slower but with the same answers.
 */
export function withNarrowIndex<T>(run: (narrowIndex: boolean) => T): T {
  try {
    return run(true);
  } catch (error) {
    if (!String((error as Error).message).includes('no such index')) throw error;
    return run(false);
  }
}

function withoutPaging(params: Params): Params {
  const { limit: _limit, offset: _offset, ...rest } = params;
  return rest;
}

const NARROW_INDEX: Record<ContactSort, string> = {
  first: 'contacts_active_by_id',
  last: 'contacts_active_by_id_last',
};

/** FROM and WHERE of a search of the given shape; parameters are named, never spliced in. */
function from(shape: readonly string[], narrowIndex = false, sort: ContactSort = 'first'): string {
  const where = ['c.deleted_at IS NULL'];
  if (shape.includes('account')) where.push('c.account_id = :account');
  // EXISTS, not IN: SQLite keeps walking the name index and probes the membership's primary key,
  // where IN would collect every member first and sort them (300 ms for a 100,000-member label).
  if (shape.includes('label'))
    where.push(
      `EXISTS (SELECT 1 FROM contact_memberships m
               WHERE m.contact_id = c.id AND m.group_resource_name = :label)`,
    );
  const source = shape.includes('match')
    ? // Migration 3's narrow index (or its last-name twin): the matches' names without reading
      // their wide rows.
      `FROM contacts_fts f JOIN contacts c ${narrowIndex ? `INDEXED BY ${NARROW_INDEX[sort]}` : ''}
         ON c.id = f.rowid`
    : 'FROM contacts c';
  if (shape.includes('match')) where.unshift('contacts_fts MATCH :match');
  return `${source} WHERE ${where.join(' AND ')}`;
}

/** The same FROM and WHERE, for queries over the same rows (ContactLetters). */
export { from as searchSource };
