/**
 * Settings → Share with other apps: the read-only CardDAV server (mail and contacts apps on this
 * computer) and the Cisco IP-phone directory. Both off until turned on; each says plainly who
 * can read the contacts once it is.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { dateTime } from '../../format.js';
import type { ContactsApi, SharingPatch, SharingStatus } from '../../../shared/api/contract.js';

function CopyField({
  label,
  value,
  secret = false,
}: {
  label: string;
  value: string;
  secret?: boolean;
}) {
  const [shown, setShown] = useState(!secret);
  const [copied, setCopied] = useState(false);
  return (
    <div className="share-field">
      <span className="share-label">{label}</span>
      <code>{shown ? value : '•'.repeat(16)}</code>
      {secret && (
        <button type="button" className="copy" onClick={() => setShown(!shown)}>
          {shown ? 'Hide' : 'Show'}
        </button>
      )}
      <button
        type="button"
        className="copy"
        aria-label={`Copy ${label.toLowerCase()}`}
        onClick={() =>
          void navigator.clipboard?.writeText(value).then(
            () => setCopied(true),
            () => setShown(true),
          )
        }
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}

/** A text field saved on Enter or when leaving it, not per keystroke. */
function Field(props: {
  label: string;
  value: string;
  onSave: (value: string) => void;
  inputMode?: 'numeric' | 'text';
  help?: string;
}) {
  const [draft, setDraft] = useState(props.value);
  const [shown, setShown] = useState(props.value);
  if (shown !== props.value) {
    setShown(props.value);
    setDraft(props.value);
  }
  const save = (event?: FormEvent) => {
    event?.preventDefault();
    if (draft !== props.value) props.onSave(draft);
  };
  return (
    <label>
      {props.label}
      <input
        type="text"
        inputMode={props.inputMode ?? 'text'}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => save()}
        onKeyDown={(e) => e.key === 'Enter' && save(e)}
        {...(props.help ? { title: props.help } : {})}
      />
    </label>
  );
}

const port = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text) : -1);

function lastClientText(client: SharingStatus['carddav']['lastClient']): string {
  if (!client) return 'No app has connected yet.';
  const when = dateTime(client.at);
  return `Last connection: ${when}${client.userAgent ? ` (${client.userAgent})` : ''}.`;
}

export function SharingSettings({ api }: { api: ContactsApi }) {
  const [sharing, setSharing] = useState<SharingStatus | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    void api.getSharing().then((r) => (r.ok ? setSharing(r.value) : setProblem(r.error.message)));
  }, [api]);

  const apply = async (patch: SharingPatch) => {
    const result = await api.updateSharing(patch);
    if (result.ok) {
      setSharing(result.value);
      setProblem(null);
    } else setProblem(result.error.message);
  };
  const renew = async () => {
    const result = await api.regenerateSharingPassword();
    if (result.ok) setSharing(result.value);
    else setProblem(result.error.message);
  };

  if (!sharing) return problem ? <p className="error">{problem}</p> : null;
  const { carddav, cisco } = sharing;
  return (
    <fieldset className="sharing">
      <legend>Share with other apps</legend>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={carddav.enabled}
          onChange={(e) => void apply({ carddavEnabled: e.target.checked })}
        />
        Let mail and contacts apps on this computer read my contacts (CardDAV)
      </label>
      <p className="muted">
        Thunderbird, Evolution, GNOME Contacts, macOS Contacts or vdirsyncer read a read-only copy,
        even when Google is out of reach. Only this computer can connect (127.0.0.1), and only with
        the password below.
      </p>
      {carddav.enabled && (
        <div className="share-details">
          <Field
            label="Port"
            inputMode="numeric"
            value={String(carddav.port)}
            onSave={(text) => void apply({ carddavPort: port(text) })}
          />
          {carddav.error && (
            <p className="error" role="alert">
              {carddav.error}
            </p>
          )}
          {carddav.url && (
            <>
              <CopyField label="Address" value={carddav.url} />
              <CopyField label="User name" value={carddav.user} />
              <CopyField label="Password" value={carddav.password} secret />
              <button type="button" onClick={() => void renew()}>
                New password
              </button>
              <p className="muted">
                A new password locks out every app using the old one.{' '}
                {lastClientText(carddav.lastClient)}
              </p>
            </>
          )}
        </div>
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={cisco.enabled}
          onChange={(e) => void apply({ ciscoEnabled: e.target.checked })}
        />
        Serve a phone directory to Cisco IP phones
      </label>
      {cisco.enabled && (
        <div className="share-details">
          <Field
            label="Listen on address"
            value={cisco.host}
            onSave={(text) => void apply({ ciscoHost: text.trim() })}
          />
          <Field
            label="Port"
            inputMode="numeric"
            value={String(cisco.port)}
            onSave={(text) => void apply({ ciscoPort: port(text) })}
          />
          <Field
            label="Phones allowed (addresses or blocks such as 192.168.1.0/24, separated by commas)"
            value={cisco.allowList.join(', ')}
            onSave={(text) =>
              void apply({
                ciscoAllowList: text
                  .split(/[\s,]+/)
                  .map((entry) => entry.trim())
                  .filter(Boolean),
              })
            }
          />
          <Field
            label="Outside-line prefix"
            inputMode="numeric"
            value={cisco.outsideLinePrefix}
            onSave={(text) => void apply({ outsideLinePrefix: text.trim() })}
          />
          <p className="muted">
            {cisco.host === '127.0.0.1' || cisco.host === 'localhost'
              ? 'Only this computer can read the directory.'
              : `Phones cannot log in: every device at the addresses listed above can read every name and number in the directory.`}
          </p>
          {cisco.error && (
            <p className="error" role="alert">
              {cisco.error}
            </p>
          )}
          {cisco.url && <CopyField label="Directory address" value={cisco.url} />}
        </div>
      )}
    </fieldset>
  );
}
