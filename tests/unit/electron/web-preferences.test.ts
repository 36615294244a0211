import { describe, expect, it } from 'vitest';
import { mainWindowWebPreferences } from '../../../src-main/electron/web-preferences';

describe('main window web preferences', () => {
  const prefs = mainWindowWebPreferences('/app/preload.js');

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['webviewTag', false],
  ] as const)('%s is %s', (key, value) => {
    expect(prefs[key]).toBe(value);
  });

  it('loads only our preload', () => {
    expect(prefs.preload).toBe('/app/preload.js');
  });
});
