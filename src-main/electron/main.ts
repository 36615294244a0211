/** Electron entry: the thin desktop shell around the shared services. */
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  Menu,
  session,
  type MenuItemConstructorOptions,
} from 'electron';
import { formatError, isAppError } from '../../src-shared/errors';
import { openAppContext } from '../services/app/context';
import { DATABASE_FILE, findResourcesDir } from '../services/app/paths';
import { APP_VERSION } from '../services/app/version';
import { registerIpc } from './ipc';
import { createMainWindow, hardenSession } from './window';

// Tests and power users may point the app at another data folder.
if (process.env.DPA_USER_DATA) {
  app.setPath('userData', process.env.DPA_USER_DATA);
}

/**
 * Presses a key in the focused window as the renderer's own shortcuts expect it, so a menu item
 * and its key do the same thing. `userGesture` lets the renderer open a file chooser.
 */
function pressKey(win: unknown, key: string, ctrlKey = false): void {
  void (win as BrowserWindow | undefined)?.webContents.executeJavaScript(
    `window.dispatchEvent(new KeyboardEvent('keydown', { key: ${JSON.stringify(key)}, ctrlKey: ${ctrlKey} }))`,
    true,
  );
}

function buildMenu(): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        {
          label: 'Import Files…',
          accelerator: 'CmdOrCtrl+O',
          click: (_item, win) => pressKey(win, 'o', true),
        },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: 'Go',
      // The renderer's own routes; the same screens as its Alt+1..5 keys.
      submenu: [
        ['Library', 'library', '1'],
        ['Compare', 'compare', '2'],
        ['Policy', 'policy', '3'],
        ['Export', 'export', '4'],
        ['Settings', 'settings', '5'],
      ]
        .map(([label, route, key]): MenuItemConstructorOptions => ({
          label,
          // The keys the renderer lists (Alt is Option on a Mac).
          accelerator: `Alt+${key}`,
          click: (_item, win) =>
            void (win as BrowserWindow | undefined)?.webContents.executeJavaScript(
              `location.hash = '#/${route}'`,
            ),
        }))
        .concat([
          { type: 'separator' },
          {
            label: 'Search…',
            accelerator: 'CmdOrCtrl+K',
            click: (_item, win) => pressKey(win, 'k', true),
          },
        ]),
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: 'Keyboard Shortcuts', click: (_item, win) => pressKey(win, '?') }],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function start(): Promise<void> {
  await app.whenReady();
  hardenSession();
  buildMenu();
  let ctx;
  try {
    ctx = openAppContext({
      databasePath: process.env.DPA_DB ?? join(app.getPath('userData'), DATABASE_FILE),
      mode: 'electron',
      version: APP_VERSION,
      log: (m, e) => console.error(m, e),
      sqliteBinding: process.env.DPA_SQLITE_BINDING,
      // Pages are fetched only when the user asks, through a separate session: system proxy
      // settings apply, but no cookies or cache are shared with (or kept by) the window.
      fetchImpl: (input, init) =>
        session
          .fromPartition('dpa-fetch', { cache: false })
          .fetch(input instanceof URL ? input.href : input, init),
      parseWorkerPath: join(__dirname, 'parse-worker.js'),
      // Packaged: electron-builder copies resources/ beside the app (extraResources).
      resourcesDir: app.isPackaged
        ? join(process.resourcesPath, 'resources')
        : findResourcesDir(app.getAppPath()),
    });
  } catch (e) {
    dialog.showErrorBox(
      'DPA Workbench cannot open its database',
      isAppError(e) ? formatError(e.toData()) : String(e),
    );
    app.exit(1);
    return;
  }
  const windows = new Set<number>();
  registerIpc(ctx, (sender) => windows.has(sender.id));
  const open = (): void => {
    const win = createMainWindow();
    windows.add(win.webContents.id);
  };
  open();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) {
      open();
    }
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') {
      app.quit();
    }
  });
  app.on('will-quit', () => void ctx.dispose());
}

app.on('web-contents-created', (_e, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (ev) => ev.preventDefault());
});

void start();
