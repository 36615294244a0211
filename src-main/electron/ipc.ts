import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { API_METHODS, channelOf } from '../../src-shared/api-methods';
import { createHandlers, dispatch, type AppContext } from '../services/app/handlers';

/**
 * Registers one IPC handler per contract method. Each checks that the call comes from our own
 * window's main frame, then validates and dispatches through the shared handler table.
 */
export function registerIpc(ctx: AppContext, isTrusted: (sender: WebContents) => boolean): void {
  const handlers = createHandlers(ctx, { warmSearch: true });
  for (const method of API_METHODS) {
    ipcMain.handle(channelOf(method), async (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isTrusted(event.sender) || event.senderFrame !== event.sender.mainFrame) {
        return {
          ok: false,
          error: { code: 'bad-request', reason: 'call from an untrusted frame' },
        };
      }
      return dispatch(handlers, method, input, ctx.log);
    });
  }
}
