/**
 * Runs sandboxed before the renderer. Exposes exactly the API contract, one function per method,
 * each forwarding to its own IPC channel; nothing else of Electron or Node reaches the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { API_METHODS, channelOf } from '../../src-shared/api-methods';
import type { Api } from '../../src-shared/ipc';

const api = Object.fromEntries(
  API_METHODS.map((m) => [m, (input: unknown) => ipcRenderer.invoke(channelOf(m), input)]),
) as Api;

contextBridge.exposeInMainWorld('api', api);
