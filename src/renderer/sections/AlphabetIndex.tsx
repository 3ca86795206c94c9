/**
 * The jump index beside the contact list: #, A–Z and … (other scripts). A letter with contacts
 * jumps to its first one; the others are shown but cannot be pressed, so the strip never moves.
 * One tab stop for the whole strip; the arrow keys, Home and End move along its letters.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import type { ContactLetter } from '../../shared/api/contract.js';
import './contact-list.css';

const LETTERS = ['#', ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ', '…'];

const spoken = (letter: string) =>
  letter === '#' ? 'numbers and signs' : letter === '…' ? 'other letters and scripts' : letter;

export function AlphabetIndex({
  sections,
  onJump,
}: {
  sections: readonly ContactLetter[];
  onJump: (section: ContactLetter) => void;
}) {
  const strip = useRef<HTMLElement>(null);
  const [current, setCurrent] = useState<string | null>(null);
  if (sections.length === 0) return null;
  const byLetter = new Map(sections.map((s) => [s.letter, s]));
  const present = LETTERS.filter((letter) => byLetter.has(letter));
  const tabStop = current !== null && byLetter.has(current) ? current : present[0];

  const onKeyDown = (event: KeyboardEvent) => {
    const at = present.indexOf(tabStop ?? '');
    const next = {
      ArrowDown: at + 1,
      ArrowUp: at - 1,
      Home: 0,
      End: present.length - 1,
    }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const letter = present[Math.max(0, Math.min(present.length - 1, next))]!;
    setCurrent(letter);
    strip.current?.querySelector<HTMLButtonElement>(`[data-letter="${letter}"]`)?.focus();
  };

  return (
    <nav className="alphabet-index" aria-label="Jump to letter" ref={strip} onKeyDown={onKeyDown}>
      {LETTERS.map((letter) => {
        const section = byLetter.get(letter);
        return (
          <button
            key={letter}
            type="button"
            data-letter={letter}
            disabled={!section}
            tabIndex={letter === tabStop ? 0 : -1}
            aria-label={`Jump to ${spoken(letter)}`}
            onClick={() => {
              if (!section) return;
              setCurrent(letter);
              onJump(section);
            }}
          >
            {letter}
          </button>
        );
      })}
    </nav>
  );
}
