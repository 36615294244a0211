/**
 * Words of a site's header, navigation and footer ("About", "Blog", "Contact us", "Privacy
 * policy"). A print or a text copy of a page keeps them with no markup to tell them apart from
 * the list, and a footer laid out in columns even reads as a table. No vendor is named like this.
 */
const CHROME_PHRASES = new Set(
  [
    'about',
    'about us',
    'blog',
    'contact',
    'contact us',
    'contact sales',
    'careers',
    'jobs',
    'press',
    'newsroom',
    'news',
    'legal',
    'company',
    'home',
    'pricing',
    'plans',
    'docs',
    'documentation',
    'developers',
    'resources',
    'products',
    'product',
    'solutions',
    'customers',
    'community',
    'events',
    'webinars',
    'faq',
    'faqs',
    'help',
    'help center',
    'support',
    'status',
    'changelog',
    'sitemap',
    'imprint',
    'impressum',
    'accessibility',
    'terms',
    'terms of service',
    'terms of use',
    'terms and conditions',
    'privacy',
    'privacy policy',
    'privacy notice',
    'cookie policy',
    'cookies policy',
    'cookie settings',
    'cookie preferences',
    'change cookie consent',
    'manage cookies',
    'do not sell my personal information',
    'security',
    'trust center',
    'log in',
    'login',
    'sign in',
    'sign up',
    'get started',
    'start now',
    'start free trial',
    'request a demo',
    'book a demo',
    'subscribe',
    'english',
  ].map((p) => p.toLowerCase()),
);

/** true when the whole text is a navigation or footer label. */
export function isSiteChrome(text: string): boolean {
  const t = text
    .trim()
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/^[©•·|›»>-]+\s*|\s*[›»>→↗]+$/g, '')
    .toLowerCase();
  return CHROME_PHRASES.has(t) || /^©/.test(text.trim());
}

/**
 * true for a footer laid out as columns: most cells, and most of the first column (where a
 * vendor table has its names), are navigation labels. A vendor table whose purposes read
 * "Support" or "Security" keeps its names in the first column and is not one.
 */
export function isChromeRows(rows: { text: string }[][]): boolean {
  const share = (cells: { text: string }[]): number => {
    const filled = cells.filter((c) => c.text.trim());
    return filled.length ? filled.filter((c) => isSiteChrome(c.text)).length / filled.length : 0;
  };
  const firstColumn = rows.flatMap((r) => (r[0] ? [r[0]] : []));
  // the first column alone settles a vendor table (its names are no labels); the rest only then
  return share(firstColumn) >= 0.5 && share(rows.flat()) >= 0.5;
}
