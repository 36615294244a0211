import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { app, screen, type BrowserWindow, type Rectangle } from 'electron';

interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

const file = (): string => join(app.getPath('userData'), 'window-state.json');

/** The size and position the window had when it was last closed, if still on a screen. */
export function loadWindowState(): WindowState | null {
  try {
    const s = JSON.parse(readFileSync(file(), 'utf8')) as WindowState;
    const visible = screen.getAllDisplays().some((d) => {
      const a = d.workArea;
      return (
        s.bounds.x < a.x + a.width &&
        s.bounds.x + s.bounds.width > a.x &&
        s.bounds.y < a.y + a.height &&
        s.bounds.y + s.bounds.height > a.y
      );
    });
    return visible ? s : null;
  } catch {
    return null;
  }
}

/** Remembers the window's size and position when it closes. */
export function trackWindowState(win: BrowserWindow): void {
  win.on('close', () => {
    const state: WindowState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    try {
      writeFileSync(file(), JSON.stringify(state));
    } catch {
      // Losing the window position is not worth an error dialog.
    }
  });
}
