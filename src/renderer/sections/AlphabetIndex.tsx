/**
 * The jump index beside the contact list: #, A–Z and … (other scripts). A letter with contacts
 * jumps to its first one; the others are shown but cannot be pressed, so the strip never moves.
 */
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
  if (sections.length === 0) return null;
  const byLetter = new Map(sections.map((s) => [s.letter, s]));
  return (
    <nav className="alphabet-index" aria-label="Jump to letter">
      {LETTERS.map((letter) => {
        const section = byLetter.get(letter);
        return (
          <button
            key={letter}
            type="button"
            disabled={!section}
            aria-label={`Jump to ${spoken(letter)}`}
            onClick={() => section && onJump(section)}
          >
            {letter}
          </button>
        );
      })}
    </nav>
  );
}
