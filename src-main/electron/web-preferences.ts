import type { WebPreferences } from 'electron';

/**
 * The renderer's security settings, in one place so a unit test can check them: sandboxed, isolated
 * from the preload's world, no Node, web security on, no webviews, nothing insecure.
 */
export function mainWindowWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
  };
}
