import { describe, expect, it } from 'vitest';
import { hasMod, screenKey, SHORTCUTS } from '../../../src-renderer/src/shortcuts';

// Runs in Node, so not on a Mac: Ctrl is the modifier and Alt+digit moves between screens.
const press = (init: Partial<KeyboardEvent>) =>
  ({ altKey: false, ctrlKey: false, metaKey: false, code: '', target: null, ...init }) as Pick<
    KeyboardEvent,
    'altKey' | 'ctrlKey' | 'metaKey' | 'code' | 'target'
  >;

describe('keyboard shortcuts', () => {
  it('moves between screens by the digit key pressed with Alt, whatever character it types', () => {
    expect(screenKey(press({ altKey: true, code: 'Digit2' }))).toBe('2');
    expect(screenKey(press({ altKey: true, code: 'Numpad5' }))).toBe('5');
    expect(screenKey(press({ altKey: true, code: 'Digit6' }))).toBeNull();
    expect(screenKey(press({ code: 'Digit1' }))).toBeNull();
    expect(screenKey(press({ altKey: true, ctrlKey: true, code: 'Digit1' }))).toBeNull();
  });

  it('takes Ctrl, not Ctrl with Meta, as the modifier off the Mac', () => {
    expect(hasMod({ ctrlKey: true, metaKey: false })).toBe(true);
    expect(hasMod({ ctrlKey: false, metaKey: true })).toBe(false);
    expect(hasMod({ ctrlKey: true, metaKey: true })).toBe(false);
  });

  it('lists every shortcut with its keys', () => {
    expect(SHORTCUTS.map((s) => s.keys.join('+'))).toContain('Alt+1–5');
    expect(SHORTCUTS.every((s) => s.keys.length > 0 && s.action.length > 0)).toBe(true);
  });
});
