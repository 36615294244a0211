/** The app's keyboard shortcuts: the help dialog lists exactly these. */
export const IS_MAC = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);
const MOD = IS_MAC ? '⌘' : 'Ctrl';

/** `keys` are pressed together, unless `either` says any one of them does it. */
export const SHORTCUTS: { keys: string[]; action: string; either?: true }[] = [
  { keys: [MOD, 'K'], action: 'Search vendors and sub-processors' },
  { keys: [MOD, 'O'], action: 'Import files' },
  { keys: ['Alt', '1–5'], action: 'Library, Compare, Policy, Export, Settings' },
  { keys: ['/'], action: 'Filter the sub-processors table' },
  { keys: ['↑', '↓'], action: 'Move between rows of a table', either: true },
  { keys: ['PgUp', 'PgDn'], action: 'Move ten rows', either: true },
  { keys: ['Home', 'End'], action: 'First or last row', either: true },
  { keys: ['Enter'], action: 'Open the focused row' },
  { keys: [MOD, 'Enter'], action: 'Save the decision being written' },
  { keys: ['Esc'], action: 'Close a dialog' },
  { keys: ['?'], action: 'Show these shortcuts' },
];

/** True when a key press is meant for a text field, not for an app shortcut. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLInputElement &&
      !['button', 'checkbox', 'radio', 'submit', 'reset', 'file'].includes(target.type))
  );
}
