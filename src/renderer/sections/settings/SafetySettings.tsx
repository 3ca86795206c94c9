/** The mass-deletion threshold, and what happens when a sync reaches it. */
import { useState, type FormEvent } from 'react';
import type { SettingsControlProps } from './ScheduleSettings.js';

const RANGE_MESSAGE = 'Enter a whole percentage from 1 to 100.';

export function SafetySettings({ settings, update }: SettingsControlProps) {
  const [draft, setDraft] = useState(String(settings.massDeletionPercent));
  const [problem, setProblem] = useState<string | null>(null);
  // A saved value that changes shows in the field. Done while rendering, not in an effect: an
  // effect runs after the first paint and could overwrite what someone has already typed.
  const [shown, setShown] = useState(settings.massDeletionPercent);
  if (shown !== settings.massDeletionPercent) {
    setShown(settings.massDeletionPercent);
    setDraft(String(settings.massDeletionPercent));
  }

  // Saved on Enter or leaving the field, not per keystroke: typing "25" never saves a 2 % limit.
  const save = (event?: FormEvent) => {
    event?.preventDefault();
    const percent = Number(draft);
    if (draft.trim() === '' || !Number.isInteger(percent) || percent < 1 || percent > 100) {
      setProblem(RANGE_MESSAGE);
      return;
    }
    setProblem(null);
    if (percent !== settings.massDeletionPercent) void update({ massDeletionPercent: percent });
  };

  return (
    <fieldset>
      <legend>Safety</legend>
      <label>
        Stop and ask before one sync deletes more than
        <input
          type="number"
          className="percent"
          min={1}
          max={100}
          step={1}
          value={draft}
          aria-describedby="mass-deletion-help"
          aria-invalid={problem !== null}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => save()}
          onKeyDown={(e) => e.key === 'Enter' && save(e)}
        />
        % of an account’s contacts
      </label>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <p className="muted" id="mass-deletion-help">
        When a sync would delete more than that, it deletes none of them and syncs everything else.
        Status then says how many contacts are waiting and offers “Yes, delete them and sync” once
        you have checked Google Contacts; until then every sync keeps them. Fewer than 20 deletions
        are never held back; 100 % never asks.
      </p>
    </fieldset>
  );
}
