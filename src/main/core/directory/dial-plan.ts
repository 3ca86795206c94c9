/**
 * Numbers as a desk phone dials them. Without a home country every number is E.164
 * (`+4930…`); with one, numbers of that country are dialled nationally (`030…`) and others with
 * the international prefix (`00…`), and an outside-line prefix (`9`, `0`) goes in front of all.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export interface DialPlan {
  /** Dialled before every number to get an outside line ("" for none). */
  outsideLinePrefix: string;
  /** Numbers of this country are dialled nationally; null: every number as E.164. */
  homeCountry: CountryCode | null;
  /** How the home country dials abroad ("00" in most of the world, "011" in North America). */
  internationalPrefix: string;
}

export const E164_DIAL_PLAN: DialPlan = {
  outsideLinePrefix: '',
  homeCountry: null,
  internationalPrefix: '00',
};

const digitsOf = (text: string) => text.replace(/\D/g, '');

/** What the phone dials for a stored number; null when it has too few digits to be a number. */
export function dialString(
  phone: { raw: string; e164: string | null },
  plan: DialPlan,
): string | null {
  const parsed = parsePhoneNumberFromString(phone.e164 ?? phone.raw);
  if (!parsed) {
    const digits = digitsOf(phone.raw);
    if (digits.length < 3) return null;
    return plan.outsideLinePrefix + (phone.raw.trim().startsWith('+') ? `+${digits}` : digits);
  }
  if (plan.homeCountry === null) return plan.outsideLinePrefix + parsed.number;
  if (parsed.country === plan.homeCountry) {
    return plan.outsideLinePrefix + digitsOf(parsed.formatNational());
  }
  return (
    plan.outsideLinePrefix +
    plan.internationalPrefix +
    parsed.countryCallingCode +
    parsed.nationalNumber
  );
}
