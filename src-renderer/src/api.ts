/**
 * The renderer's only door to the app. In Electron the preload provides `window.api`; in browser
 * mode there is no preload, so the same contract is served over HTTP by the local bridge, with the
 * launch token taken from the address fragment (never sent to the server as part of the URL).
 */
import { API_METHODS } from '../../src-shared/api-methods';
import type { Api, Input, MethodName, Output } from '../../src-shared/ipc';
import type { Result } from '../../src-shared/result';
import { decodeWire, encodeWire } from '../../src-shared/wire';

declare global {
  interface Window {
    api?: Api;
  }
}

const TOKEN_KEY = 'dpa-bridge-token';

function bridgeToken(): string {
  const m = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (m?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, m[1]);
    // Keep the token out of the address bar, bookmarks and screenshots.
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return m[1];
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function createHttpApi(): Api {
  const token = bridgeToken();
  const call = async (method: MethodName, input: unknown): Promise<Result<unknown>> => {
    try {
      const res = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-dpa-token': token },
        body: encodeWire(input),
      });
      if (res.status === 401) {
        return {
          ok: false,
          error: {
            code: 'bad-request',
            reason:
              'this tab is not connected to the app: open the address printed by `npm run web`',
          },
        };
      }
      return decodeWire(await res.text()) as Result<unknown>;
    } catch {
      return {
        ok: false,
        error: {
          code: 'internal',
          reason: 'the app is not running: start it again with `npm run web`',
        },
      };
    }
  };
  return Object.fromEntries(API_METHODS.map((m) => [m, (input: unknown) => call(m, input)])) as Api;
}

export const api: Api = window.api ?? createHttpApi();

/** Calls a method and throws its error message, for code that shows errors in one place. */
export async function callApi<K extends MethodName>(
  method: K,
  input: Input<K>,
): Promise<Output<K>> {
  const fn = api[method] as (i: Input<K>) => Promise<Result<Output<K>>>;
  const r = await fn(input);
  if (!r.ok) {
    throw new ApiError(r.error.file ? `${r.error.file}: ${r.error.reason}` : r.error.reason);
  }
  return r.value;
}

export class ApiError extends Error {}
