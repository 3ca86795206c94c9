/** What the Contacts section says when nothing matches: every filter that is narrowing it. */

export interface ActiveFilters {
  text: string;
  labelName?: string | undefined;
  accountEmail?: string | undefined;
  /** The account was picked in its own filter (not only implied by the label's). */
  accountChosen?: boolean;
}

/**
 * "No contacts match “ann” in label Family of account x@y." — each active filter named, so a
 * person sees why the list is empty and which one to clear; then what to do about it.
 */
export function noMatchMessage({
  text,
  labelName,
  accountEmail,
  accountChosen = accountEmail !== undefined,
}: ActiveFilters): string {
  const where = [
    labelName !== undefined ? `in label ${labelName}` : null,
    accountEmail !== undefined
      ? `${labelName !== undefined ? 'of' : 'in'} account ${accountEmail}`
      : null,
  ].filter(Boolean);
  const what = text.trim() ? `No contacts match “${text.trim()}”` : 'No contacts';
  const hints = [
    text.trim() ? 'try fewer letters or another spelling' : null,
    labelName !== undefined ? 'choose “All labels”' : null,
    accountChosen ? 'choose “All accounts”' : null,
  ].filter(Boolean);
  const hint = hints.join(', or ');
  return `${[what, ...where].join(' ')}. ${hint.charAt(0).toUpperCase()}${hint.slice(1)}.`;
}
