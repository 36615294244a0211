/**
 * The Content-Security-Policy for every page the app shows, in Electron and browser mode alike:
 * only our own bundled scripts and styles, no inline script, no remote origin, no plugins, no framing.
 * Imported page text is rendered as text by React, and this policy is the second wall if that fails.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
