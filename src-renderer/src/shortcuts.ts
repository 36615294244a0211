/** The app's keyboard shortcuts: the help dialog lists exactly these. */
export const IS_MAC = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);
const MOD = IS_MAC ? '⌘' : 'Ctrl';
const ALT = IS_MAC ? '⌥' : 'Alt';

/**
 * The app's modifier: ⌘ on a Mac (where Ctrl+K and Ctrl+O are text-editing keys in fields),
 * Ctrl elsewhere.
 */
export function hasMod(e: { metaKey: boolean; ctrlKey: boolean }): boolean {
  return IS_MAC ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
}

/**
 * The screen number (1–5) of an Alt/Option+digit press, by physical key: on a Mac Option+1 types
 * "¡", so `key` cannot be used, and in a text field Option+digit is typing, not a shortcut.
 */
export function screenKey(
  e: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'code' | 'target'>,
): string | null {
  if (!e.altKey || e.ctrlKey || e.metaKey || (IS_MAC && isTyping(e.target))) return null;
  const m = /^(?:Digit|Numpad)([1-5])$/.exec(e.code);
  return m?.[1] ?? null;
}

/** `keys` are pressed together, unless `either` says any one of them does it. */
export const SHORTCUTS: { keys: string[]; action: string; either?: true }[] = [
  { keys: [MOD, 'K'], action: 'Search vendors and sub-processors' },
  { keys: [MOD, 'O'], action: 'Import files' },
  { keys: [ALT, '1–5'], action: 'Library, Compare, Policy, Export, Settings' },
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
