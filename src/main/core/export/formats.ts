/**
 * The export formats: vCard 3.0 and 4.0 (address books), CSV in Google's import layout
 * (spreadsheets, Google Contacts) and the Cisco IP phone directory XML. Each writer takes one
 * contact at a time so a 100k export streams.
 */
import type { ExportFormat } from '../../../shared/api/types.js';
import { CISCO_FOOTER, CISCO_HEADER, toCiscoEntries } from './cisco-xml.js';
import type { ExportContact } from './contact.js';
import { csvHeader, toCsvRow } from './google-csv.js';
import { toVCard } from './vcard.js';

export type { ExportContact } from './contact.js';
export { displayNameOf } from './contact.js';
export { CISCO_FOOTER, CISCO_HEADER, toCiscoEntries } from './cisco-xml.js';
export { csvHeader, toCsvRow, GOOGLE_CSV_COLUMNS } from './google-csv.js';
export { foldLine, toVCard } from './vcard.js';

export interface FormatWriter {
  header: string;
  render(contact: ExportContact): string;
  footer: string;
}

export const FORMAT_WRITERS: Record<ExportFormat, FormatWriter> = {
  vcard: { header: '', render: (c) => toVCard(c, '3.0'), footer: '' },
  csv: { header: csvHeader(), render: toCsvRow, footer: '' },
  cisco_xml: { header: CISCO_HEADER, render: toCiscoEntries, footer: CISCO_FOOTER },
  vcard4: { header: '', render: (c) => toVCard(c, '4.0'), footer: '' },
};
