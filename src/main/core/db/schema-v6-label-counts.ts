/**
 * Schema version 6: how many active contacts carry each label, kept up to date by triggers, so
 * `listLabels` reads a few rows instead of counting. At 100,000 contacts (183,000 memberships)
 * counting took 300–750 ms by label and 170–250 ms in one GROUP BY, since every membership
 * needs its contact's account and deletion; the preview server answers calls one at a time, so
 * a search sent behind it waited that long (figures in docs/PERFORMANCE.md).
 *
 * The invariant: `members` = memberships whose contact exists and is active (deleted_at NULL).
 * Every change that moves it has a trigger: a membership written or removed (ContactChildren
 * rewrites a contact's memberships on each edit), a contact soft-deleted or restored, a contact
 * removed (its memberships go by ON DELETE CASCADE after the row, when the membership trigger no
 * longer finds the contact, so the contact's own trigger subtracts them first). A contact never
 * moves to another account. Rows at 0 stay; listLabels reads a missing row as 0.
 */
export const LABEL_COUNTS_SCHEMA = `
CREATE TABLE contact_label_counts (
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  group_resource_name TEXT NOT NULL,
  members INTEGER NOT NULL,
  PRIMARY KEY (account_id, group_resource_name)
) WITHOUT ROWID;

INSERT INTO contact_label_counts (account_id, group_resource_name, members)
  SELECT c.account_id, m.group_resource_name, count(*)
  FROM contacts c JOIN contact_memberships m ON m.contact_id = c.id
  WHERE c.deleted_at IS NULL
  GROUP BY c.account_id, m.group_resource_name;

CREATE TRIGGER contact_label_counts_add AFTER INSERT ON contact_memberships BEGIN
  INSERT INTO contact_label_counts (account_id, group_resource_name, members)
    SELECT c.account_id, NEW.group_resource_name, 1 FROM contacts c
    WHERE c.id = NEW.contact_id AND c.deleted_at IS NULL
    ON CONFLICT DO UPDATE SET members = members + 1;
END;

CREATE TRIGGER contact_label_counts_remove AFTER DELETE ON contact_memberships BEGIN
  UPDATE contact_label_counts SET members = members - 1
  WHERE group_resource_name = OLD.group_resource_name
    AND account_id = (SELECT c.account_id FROM contacts c
                      WHERE c.id = OLD.contact_id AND c.deleted_at IS NULL);
END;

CREATE TRIGGER contact_label_counts_soft_delete AFTER UPDATE OF deleted_at ON contacts
  WHEN OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL BEGIN
  UPDATE contact_label_counts SET members = members - 1
  WHERE account_id = NEW.account_id
    AND group_resource_name IN (SELECT group_resource_name FROM contact_memberships
                                WHERE contact_id = NEW.id);
END;

CREATE TRIGGER contact_label_counts_restore AFTER UPDATE OF deleted_at ON contacts
  WHEN OLD.deleted_at IS NOT NULL AND NEW.deleted_at IS NULL BEGIN
  INSERT INTO contact_label_counts (account_id, group_resource_name, members)
    SELECT NEW.account_id, group_resource_name, 1 FROM contact_memberships
    WHERE contact_id = NEW.id
    ON CONFLICT DO UPDATE SET members = members + 1;
END;

CREATE TRIGGER contact_label_counts_delete_contact BEFORE DELETE ON contacts
  WHEN OLD.deleted_at IS NULL BEGIN
  UPDATE contact_label_counts SET members = members - 1
  WHERE account_id = OLD.account_id
    AND group_resource_name IN (SELECT group_resource_name FROM contact_memberships
                                WHERE contact_id = OLD.id);
END;
`;
