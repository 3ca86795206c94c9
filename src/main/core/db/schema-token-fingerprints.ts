/**
 * Each listing's sync token carries a fingerprint of the request parameters it was issued for
 * (Google refuses a token sent with other parameters), and a full listing remembers where it got
 * to, so an interrupted one continues from its last committed page while Google still accepts the
 * page token. A token stored before this migration has no fingerprint: it was issued for this
 * release's parameters, so it is still sent (and heals through a full listing if refused).
 */
export const TOKEN_FINGERPRINTS_SCHEMA = `
ALTER TABLE sync_state ADD COLUMN token_fingerprint TEXT;
ALTER TABLE sync_state ADD COLUMN resume_page_token TEXT;
ALTER TABLE sync_state ADD COLUMN resume_generation INTEGER;
ALTER TABLE sync_state ADD COLUMN resume_fingerprint TEXT;
`;
