/**
 * Deletions the mass-deletion guard withheld (DESIGN §5), kept as account state rather than as a
 * run's: the sync token moves on past the tombstones that reported them, so once a refused run
 * ends this table is the only record of what still waits for the person's confirmation. A row
 * goes when the person confirms (the contact is then deleted) or when the contact shows up again
 * in a later listing.
 */
export const PENDING_DELETIONS_SCHEMA = `
CREATE TABLE pending_deletions (
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  resource_name TEXT NOT NULL,
  detected_at TEXT NOT NULL,
  PRIMARY KEY (account_id, resource_name)
) WITHOUT ROWID;
`;
