/**
 * The window: a navigation bar and one section at a time (Status, Contacts, History,
 * Statistics, Settings). Everything goes through `window.api`; events keep it current.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ContactsApi } from '../shared/api/contract.js';
import { CalendarSection } from './sections/CalendarSection.js';
import { ContactsSection } from './sections/ContactsSection.js';
import { HistorySection } from './sections/HistorySection.js';
import { SettingsSection } from './sections/SettingsSection.js';
import { StatisticsSection } from './sections/StatisticsSection.js';
import { StatusSection } from './sections/StatusSection.js';
import { SignInClientGuide } from './sign-in-client/SignInClientGuide.js';
import { useAppState } from './useAppState.js';
import { useSearchShortcut } from './useSearchShortcut.js';
import { useWatchPhotos } from './components/photo-version.js';

export const SECTIONS = [
  'Status',
  'Contacts',
  'Calendar',
  'History',
  'Statistics',
  'Settings',
] as const;
export type Section = (typeof SECTIONS)[number];

function sectionFromHash(hash: string): Section {
  const name = hash.replace(/^#/, '').toLowerCase();
  return SECTIONS.find((s) => s.toLowerCase() === name) ?? 'Status';
}

/** Re-renders every 30 s so "5 min ago" stays true. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function App({ api, initialSection }: { api: ContactsApi; initialSection?: Section }) {
  const app = useAppState(api);
  useWatchPhotos(api);
  const now = useNow();
  const [section, setSection] = useState<Section>(
    () => initialSection ?? sectionFromHash(typeof location === 'undefined' ? '' : location.hash),
  );
  const heading = useRef<HTMLHeadingElement>(null);
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  const [focusSearch, setFocusSearch] = useState(0);
  useSearchShortcut(
    useCallback(() => {
      setSection('Contacts');
      setFocusSearch((n) => n + 1);
    }, []),
  );

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    // A section that put the focus somewhere itself (Contacts: its search box) keeps it there.
    if (!main.current?.contains(document.activeElement)) heading.current?.focus();
    if (typeof history !== 'undefined') history.replaceState(null, '', `#${section.toLowerCase()}`);
  }, [section]);

  const accounts = app.status?.accounts.map((s) => s.account) ?? [];
  const accountIds = app.status
    ? accounts.filter((a) => a.status !== 'disconnected').map((a) => a.id)
    : null;

  return (
    <div className="shell">
      <nav className="nav" aria-label="Sections">
        <div className="nav-inner">
          <p className="brand">Contacts Sync Agent</p>
          <ul>
            {SECTIONS.map((name) => (
              <li key={name}>
                <button
                  type="button"
                  aria-current={section === name ? 'page' : undefined}
                  onClick={() => {
                    setSection(name);
                    // Contacts opens (or, open already, returns) with the focus in its search box.
                    if (name === 'Contacts') setFocusSearch((n) => n + 1);
                  }}
                >
                  {name}
                </button>
              </li>
            ))}
          </ul>
        </div>
      </nav>
      <main className="main" ref={main}>
        <h1 ref={heading} tabIndex={-1}>
          {section}
        </h1>
        {app.error && (
          <div className="error banner" role="alert" data-testid="error">
            <span>{app.error}</span>
            <button type="button" className="secondary" onClick={app.dismissError}>
              Dismiss
            </button>
          </div>
        )}
        {section === 'Status' && (
          <>
            <SignInClientGuide api={api} />
            <StatusSection app={app} now={now} api={api} />
          </>
        )}
        {section === 'Contacts' && (
          <ContactsSection
            api={api}
            accountIds={accountIds}
            accounts={accounts}
            dataVersion={app.lastRun?.resource === 'contacts' ? app.lastRun.runId : 0}
            focusSearch={focusSearch}
          />
        )}
        {section === 'Calendar' && (
          <CalendarSection
            api={api}
            now={now}
            onReconnect={(email) => void app.connect(email)}
            onOpenSettings={() => setSection('Settings')}
          />
        )}
        {section === 'History' && <HistorySection api={api} accounts={accounts} />}
        {section === 'Statistics' && (
          <StatisticsSection api={api} statistics={app.statistics} health={app.health} />
        )}
        {section === 'Settings' && <SettingsSection api={api} app={app} />}
      </main>
    </div>
  );
}
