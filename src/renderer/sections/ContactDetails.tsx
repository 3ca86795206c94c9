/** The details pane of the Contacts section: every field of one contact, with copy buttons. */
import { useState, type ReactNode } from 'react';
import type { ContactDetail } from '../../shared/api/contract.js';
import { Avatar } from '../components/Avatar.js';
import { humanize } from '../format.js';

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
}: {
  label: string;
  value: string | null;
  copy?: boolean;
}): ReactNode {
  if (!value) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>
        <span className="value">{value}</span>
        {copy && <CopyButton value={value} label={label.toLowerCase()} />}
      </dd>
    </>
  );
}

const typed = (label: string, type: string | null) =>
  type ? `${label} (${humanize(type)})` : label;

/** The given and family name, when they say more than the display name. */
function fullName(c: ContactDetail): string | null {
  const name = [c.givenName, c.familyName].filter(Boolean).join(' ');
  return name && name !== c.displayName ? name : null;
}

export function ContactDetails({ contact }: { contact: ContactDetail }) {
  return (
    <article className="details" aria-label="Contact details">
      <Avatar
        accountId={contact.accountId}
        resourceName={contact.resourceName}
        name={contact.displayName ?? contact.emails[0]?.value ?? ''}
        size="large"
      />
      <h3>{contact.displayName ?? '(no name)'}</h3>
      <dl className="facts">
        <Field label="Name" value={fullName(contact)} />
        <Field label="Nickname" value={contact.nickname} />
        {contact.phones.map((p, i) => (
          <Field key={`p${i}`} label={typed('Phone', p.type)} value={p.e164 ?? p.raw} />
        ))}
        {contact.emails.map((e, i) => (
          <Field key={`e${i}`} label={typed('Email', e.type)} value={e.value} />
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
        <Field label="Birthday" value={contact.birthday} />
        <Field label="Notes" value={contact.notes} />
        <Field label="Labels" value={contact.labels.map((l) => l.name).join(', ') || null} />
      </dl>
    </article>
  );
}
