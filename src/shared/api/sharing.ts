/**
 * Sharing the mirror with other apps on this computer (issue 16): a read-only CardDAV server for
 * mail and contacts apps, and a Cisco IP-phone directory. Both off until the person turns them on.
 */
import { z } from 'zod';

export interface ServiceClient {
  at: string;
  userAgent: string | null;
}

export interface SharingStatus {
  carddav: {
    enabled: boolean;
    port: number;
    /** Set while it serves. */
    url: string | null;
    user: string;
    /** The generated app password clients log in with (never a Google password). */
    password: string;
    lastClient: ServiceClient | null;
    /** Why it is not serving although turned on (a port in use, …). */
    error: string | null;
  };
  cisco: {
    enabled: boolean;
    host: string;
    port: number;
    allowList: string[];
    outsideLinePrefix: string;
    /** ISO 3166 country whose numbers are dialled nationally; null: every number as +E.164. */
    homeCountry: string | null;
    internationalPrefix: string;
    url: string | null;
    error: string | null;
  };
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-f:]+$/i;

export const isIpAddress = (value: string): boolean =>
  IPV4.test(value) || (value.includes(':') && IPV6.test(value));

/** An address or an IPv4 block (192.168.1.0/24) allowed to read the phone directory. */
export const isAllowListEntry = (value: string): boolean => {
  const [address, bits, ...rest] = value.split('/');
  if (rest.length || !address) return false;
  if (bits === undefined) return isIpAddress(address);
  return IPV4.test(address) && /^\d{1,2}$/.test(bits) && Number(bits) <= 32;
};

const port = z
  .number()
  .int('Expected a whole port number')
  .min(1024, 'Choose a port from 1024 to 65535 (lower ones need administrator rights)')
  .max(65_535, 'Choose a port from 1024 to 65535');

export const sharingPatchSchema = z.strictObject({
  carddavEnabled: z.boolean().optional(),
  carddavPort: port.optional(),
  ciscoEnabled: z.boolean().optional(),
  ciscoHost: z
    .string()
    .trim()
    .refine(
      (v) => v === 'localhost' || isIpAddress(v),
      'Expected an address of this computer, such as 192.168.1.20',
    )
    .optional(),
  ciscoPort: port.optional(),
  ciscoAllowList: z
    .array(
      z
        .string()
        .trim()
        .refine(isAllowListEntry, 'Expected addresses such as 192.168.1.31 or 192.168.1.0/24'),
    )
    .max(100, 'At most 100 addresses')
    .optional(),
  outsideLinePrefix: z
    .string()
    .regex(/^[0-9*#]{0,4}$/, 'Expected up to 4 digits, such as 9 or 0')
    .optional(),
  homeCountry: z
    .string()
    .regex(/^[A-Z]{2}$/, 'Expected a two-letter country code, such as DE or US')
    .nullable()
    .optional(),
  internationalPrefix: z
    .string()
    .regex(/^[0-9]{1,4}$/, 'Expected digits, such as 00 or 011')
    .optional(),
});
export type SharingPatch = z.output<typeof sharingPatchSchema>;
