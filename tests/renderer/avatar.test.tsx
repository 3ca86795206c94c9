/** The contact's picture: the cached photo when it loads, else initials on a colour of the name. */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/App.js';
import { ContactDetails } from '../../src/renderer/sections/ContactDetails.js';
import type { ContactDetail } from '../../src/shared/api/contract.js';
import { Avatar } from '../../src/renderer/components/Avatar.js';
import {
  AVATAR_COLOURS,
  AVATAR_TEXT_COLOUR,
  avatarColour,
  initialsOf,
} from '../../src/renderer/components/avatar-style.js';
import { FakeApi } from './fake-api.js';
import { contact } from './fake-contacts.js';

afterEach(cleanup);

/** WCAG 2.x relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

describe('initials and colour', () => {
  it('takes the first and last word, one character of CJK names, nothing from punctuation', () => {
    expect(initialsOf('Ada Lovelace')).toBe('AL');
    expect(initialsOf('jean-luc picard')).toBe('JP');
    expect(initialsOf('Ada King Lovelace')).toBe('AL');
    expect(initialsOf('ada@example.com')).toBe('A');
    expect(initialsOf('no-name-just-email@example.com')).toBe('N');
    expect(initialsOf('李小龍')).toBe('李');
    expect(initialsOf('Émile Zola')).toBe('ÉZ');
    expect(initialsOf('"(O\'Neil)"')).toBe('O');
    expect(initialsOf('+1 415 555 0142')).toBe('#');
    expect(initialsOf('')).toBe('#');
    expect(initialsOf('😀 🎉')).toBe('#');
  });

  it('gives a name the same colour every time, and different names different colours', () => {
    expect(avatarColour('Ada Lovelace')).toBe(avatarColour('Ada Lovelace'));
    const names = ['Ada', 'Brian', 'Grace', 'Linus', 'Margaret', 'Dennis', 'Ken', 'Barbara'];
    expect(new Set(names.map(avatarColour)).size).toBeGreaterThan(3);
    for (const name of names) expect(AVATAR_COLOURS).toContain(avatarColour(name));
  });

  it('writes white initials at WCAG AA contrast (4.5:1) on every colour', () => {
    for (const colour of AVATAR_COLOURS) {
      expect(contrast(colour, AVATAR_TEXT_COLOUR), colour).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('Avatar', () => {
  it('shows the initials until the photo has loaded, and again when it fails', () => {
    const { container } = render(
      <Avatar accountId={2} resourceName="people/c42" name="Ada Lovelace" hasPhoto />,
    );
    const avatar = container.querySelector('.avatar') as HTMLElement;
    const img = avatar.querySelector('img') as HTMLImageElement;
    expect(img.getAttribute('src')).toBe('/photos/2/c42');
    expect(avatar.textContent).toBe('AL');
    expect(avatar.style.backgroundColor).not.toBe('');
    expect(avatar.dataset['photo']).toBe('none');

    fireEvent.load(img);
    expect(avatar.dataset['photo']).toBe('shown');
    expect(img.className).toBe('loaded');
    fireEvent.error(img);
    expect(avatar.dataset['photo']).toBe('none');
  });

  it('asks for no photo when the contact is not a plain person', () => {
    const { container } = render(
      <Avatar accountId={2} resourceName="people/../../x" name="Ada" hasPhoto />,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toBe('A');
  });

  it('asks for no photo when none is cached: initials only, no request that would 404', () => {
    const { container } = render(
      <Avatar accountId={2} resourceName="people/c42" name="Ada Lovelace" hasPhoto={false} />,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toBe('AL');
  });

  it('is in every contact row, hidden from screen readers', async () => {
    const api = new FakeApi();
    api.contacts = [
      contact('Ada Lovelace', { hasPhoto: true }),
      contact('Brian Kernighan', { hasPhoto: true }),
    ];
    render(<App api={api} initialSection="Contacts" />);
    const row = await screen.findByRole('button', { name: /Ada Lovelace/ });
    const avatar = row.querySelector('.avatar') as HTMLElement;
    expect(avatar.getAttribute('aria-hidden')).toBe('true');
    expect(avatar.querySelector('img')?.getAttribute('src')).toBe('/photos/1/cAdaLovelace');
    expect(avatar.textContent).toBe('AL');
  });

  it('is in the details, large', () => {
    const detail: ContactDetail = {
      accountId: 1,
      resourceName: 'people/c7',
      displayName: 'Grace Hopper',
      givenName: null,
      familyName: null,
      nickname: null,
      organization: null,
      title: null,
      birthday: null,
      notes: null,
      photoUrl: 'https://lh3.googleusercontent.com/contacts/x',
      hasPhoto: true,
      emails: [],
      phones: [],
      addresses: [],
      labels: [],
      deletedAt: null,
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
      syncedAt: '2026-01-01T00:00:00Z',
    };
    const { container } = render(<ContactDetails contact={detail} />);
    const avatar = container.querySelector('.avatar.large') as HTMLElement;
    expect(avatar.textContent).toBe('GH');
    // The app's own path, never Google's URL: the CSP admits only the page's origin.
    expect(avatar.querySelector('img')?.getAttribute('src')).toBe('/photos/1/c7');
  });

  it('asks again for the photos on screen when the app says they changed', async () => {
    const api = new FakeApi();
    api.contacts = [contact('Ada Lovelace', { hasPhoto: true })];
    render(<App api={api} initialSection="Contacts" />);
    const row = await screen.findByRole('button', { name: /Ada Lovelace/ });
    const src = () => row.querySelector('.avatar img')?.getAttribute('src');
    expect(src()).toBe('/photos/1/cAdaLovelace');
    act(() => api.emit('photosUpdated', { accountId: 1 }));
    expect(src()).toBe('/photos/1/cAdaLovelace?v=1');
  });
});
