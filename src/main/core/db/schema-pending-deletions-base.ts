/**
 * How many contacts were active when the guard withheld a deletion (DESIGN §5). A later run
 * judges withheld deletions again — a person who raises the threshold expects them to go — but
 * against no more contacts than there were then: contacts added upstream since must not make the
 * same deletions look small enough (found by the engine model: 20 of 28 withheld, 12 added, and
 * the next run saw "20 of 40" and deleted them unasked). Null for rows withheld before this.
 */
export const PENDING_DELETIONS_BASE_SCHEMA = `
ALTER TABLE pending_deletions ADD COLUMN active_when_withheld INTEGER;
`;
