/** One contact as the export formats read it. */
import type { ContactAddress, ContactDetail } from '../../../shared/api/types.js';

/** A contact as the API shows it, with label names only and the address parts a file needs. */
export type ExportContact = Pick<
  ContactDetail,
  | 'resourceName'
  | 'displayName'
  | 'givenName'
  | 'familyName'
  | 'nickname'
  | 'organization'
  | 'title'
  | 'birthday'
  | 'notes'
  | 'emails'
  | 'phones'
> & {
  addresses: Omit<ContactAddress, 'formatted' | 'countryCode'>[];
  labels: string[];
};

/** A name for the contact when Google has none: the first email or phone, as Google shows it. */
export function displayNameOf(c: ExportContact): string {
  return c.displayName ?? c.emails[0]?.value ?? c.phones[0]?.raw ?? c.organization ?? '(no name)';
}
