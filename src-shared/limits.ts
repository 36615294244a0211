/**
 * Limits every layer shares. Kept free of imports (zod especially) so the parse worker and
 * `dpa parse` can use them without loading the API contract.
 */

/** Largest file the app accepts; bigger files fail at once with a clear message. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
