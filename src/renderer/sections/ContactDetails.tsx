/**
 * The details pane of the Contacts section: every field of one contact, written the way the
 * person reads them (phone numbers for their region, birthdays in their locale, names in the
 * order of their script), emails and numbers as links, with copy buttons.
 */
import { useState, type ReactNode } from 'react';
import type { ContactDetail } from '../../shared/api/contract.js';
import {
  formatBirthday,
  formatPhone,
  googleContactsUrl,
  mailtoUrl,
  personName,
  regionOfLocale,
  telUrl,
} from '../contact-format.js';
import type { CountryCode } from 'libphonenumber-js/min';
import { Avatar } from '../components/Avatar.js';
import { humanize } from '../format.js';
import './contact-details.css';

function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="copy"
      aria-label={`Copy ${label}`}
      onClick={() => {
        void navigator.clipboard?.writeText(value).then(() => setCopied(true));
        setTimeout(() => setCopied(false), 1500);
      }}
    >
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}

function Field({
  label,
  value,
  copy = true,
  shown = value,
  href = null,
}: {
  label: string;
  /** What the copy button copies: the value as Google holds it. */
  value: string | null;
  copy?: boolean;
  /** What the pane shows, when it reads better than the value (a formatted number). */
  shown?: string | null;
  /** mailto: or tel: — the system's mail or phone app, through the shell's allow-list. */
  href?: string | null;
}): ReactNode {
  if (!value) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>
        {href ? (
          <a className="value" href={href}>
            {shown}
          </a>
        ) : (
          <span className="value">{shown}</span>
        )}
        {copy && <CopyButton value={value} label={label.toLowerCase()} />}
      </dd>
    </>
  );
}

const typed = (label: string, type: string | null) =>
  type ? `${label} (${humanize(type)})` : label;

/** The given and family name, when they say more than the display name. */
function fullName(c: ContactDetail): string | null {
  const name = personName(c.givenName, c.familyName);
  return name && name !== c.displayName ? name : null;
}

const browserLocale = () => (typeof navigator === 'undefined' ? 'en-US' : navigator.language);

export function ContactDetails({
  contact,
  locale = browserLocale(),
  accountEmail,
  region: chosenRegion = null,
}: {
  contact: ContactDetail;
  /** Whose formats to use (BCP 47); the browser's by default. */
  locale?: string;
  /** The contact's account, given when the person has more than one. */
  accountEmail?: string | undefined;
  /** The region numbers are written for (Settings); null: the locale's. */
  region?: string | null;
}) {
  const region = chosenRegion ? (chosenRegion as CountryCode) : regionOfLocale(locale);
  const google = googleContactsUrl(contact.resourceName, accountEmail);
  return (
    <article className="details" aria-label="Contact details">
      <Avatar
        accountId={contact.accountId}
        resourceName={contact.resourceName}
        hasPhoto={contact.hasPhoto ?? false}
        name={contact.displayName ?? contact.emails[0]?.value ?? ''}
        size="large"
      />
      <h3>
        {contact.displayName ?? personName(contact.givenName, contact.familyName) ?? '(no name)'}
      </h3>
      {accountEmail && <p className="muted contact-account">In {accountEmail}</p>}
      {google && (
        <p className="contact-links">
          <a href={google} target="_blank" rel="noreferrer">
            Open in Google Contacts
          </a>
        </p>
      )}
      <dl className="facts">
        <Field label="Name" value={fullName(contact)} />
        <Field label="Nickname" value={contact.nickname} />
        {contact.phones.map((p, i) => (
          <Field
            key={`p${i}`}
            label={typed('Phone', p.type)}
            value={p.raw}
            shown={formatPhone(p.raw, p.e164, region)}
            href={telUrl(p.raw, p.e164)}
          />
        ))}
        {contact.emails.map((e, i) => (
          <Field
            key={`e${i}`}
            label={typed('Email', e.type)}
            value={e.value}
            href={mailtoUrl(e.value)}
          />
        ))}
        {contact.addresses.map((a, i) => (
          <Field
            key={`a${i}`}
            label={typed('Address', a.type)}
            value={
              a.formatted ??
              ([a.street, a.city, a.region, a.postalCode, a.country].filter(Boolean).join(', ') ||
                null)
            }
          />
        ))}
        <Field
          label="Organization"
          value={[contact.organization, contact.title].filter(Boolean).join(' · ') || null}
        />
        <Field
          label="Birthday"
          value={contact.birthday}
          shown={contact.birthday && formatBirthday(contact.birthday, locale)}
        />
        <Field label="Notes" value={contact.notes} />
        <Field label="Labels" value={contact.labels.map((l) => l.name).join(', ') || null} />
      </dl>
    </article>
  );
}
