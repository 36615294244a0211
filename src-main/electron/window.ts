import { join } from 'node:path';
import { BrowserWindow, session, shell } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../shared-csp';
import { mainWindowWebPreferences } from './web-preferences';
import { loadWindowState, trackWindowState } from './window-state';

/**
 * The main window, locked down: sandboxed renderer with context isolation and no Node, no
 * navigation away from the app, no new windows, no permission grants, no remote requests.
 */
export function createMainWindow(): BrowserWindow {
  const saved = loadWindowState();
  const win = new BrowserWindow({
    width: saved?.bounds.width ?? 1280,
    height: saved?.bounds.height ?? 820,
    ...(saved ? { x: saved.bounds.x, y: saved.bounds.y } : {}),
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'DPA Workbench',
    webPreferences: mainWindowWebPreferences(join(__dirname, '../preload/index.js')),
  });
  win.once('ready-to-show', () => {
    if (saved?.maximized) {
      win.maximize();
    }
    win.show();
  });
  trackWindowState(win);

  const wc = win.webContents;
  wc.setWindowOpenHandler(() => ({ action: 'deny' }));
  wc.on('will-navigate', (e) => e.preventDefault());
  wc.on('will-redirect', (e) => e.preventDefault());
  wc.on('will-attach-webview', (e) => e.preventDefault());

  if (process.env.ELECTRON_RENDERER_URL) {
    void win.loadURL(process.env.ELECTRON_RENDERER_URL);
  } else {
    void win.loadFile(join(__dirname, '../renderer/index.html'));
  }
  return win;
}

/** Session-wide rules: CSP on every response, permissions denied, only local schemes loaded. */
export function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  const devServer = process.env.ELECTRON_RENDERER_URL;
  ses.webRequest.onBeforeRequest((details, callback) => {
    const url = details.url;
    const local =
      url.startsWith('file:') ||
      url.startsWith('devtools:') ||
      url.startsWith('data:') ||
      url.startsWith('blob:') ||
      (devServer !== undefined && url.startsWith(devServer));
    // We are an offline app: anything else is refused before it leaves the machine.
    callback({ cancel: !local });
  });
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });
}

/** Links the user clicks that point to the web open in their browser, never inside the app. */
export function openExternal(url: string): void {
  if (/^https:\/\//i.test(url)) {
    void shell.openExternal(url);
  }
}
