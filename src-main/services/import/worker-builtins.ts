/**
 * pdf.js's legacy build (the one that runs in Node) bundles core-js polyfills which, when pdf.js
 * loads, replace some of Node's built-ins with JavaScript versions: Array.prototype.push, JSON.parse
 * and Function.prototype.toString (pdfjs-dist 5.4 on Node 20). Node's own are correct and much
 * faster; the extractor calls push in its hottest loops, so in a parse worker that had loaded
 * pdf.js every later page parsed measurably slower than the same page in a process without it.
 * The parse worker therefore saves these before pdf.js can load and puts them back afterwards.
 * Only the worker does this: it owns its globals, and nothing in it needs the polyfilled versions
 * (pdf.js itself runs on Node's originals just as it does on any engine that needs no polyfill).
 */
const KEPT: readonly (readonly [object, PropertyKey])[] = [
  [Array.prototype, 'push'],
  [JSON, 'parse'],
  [Function.prototype, 'toString'],
];

/**
 * Remembers the built-ins above as they are now; the returned function puts back any that were
 * replaced since, and returns how many it put back (cheap enough to call after every file).
 */
export function saveBuiltins(): () => number {
  const saved = KEPT.map(([owner, key]) => {
    const descriptor = Object.getOwnPropertyDescriptor(owner, key);
    if (!descriptor) {
      throw new Error(`built-in ${String(key)} is missing`);
    }
    return { owner, key, descriptor };
  });
  return () => {
    let restored = 0;
    for (const { owner, key, descriptor } of saved) {
      const now = Object.getOwnPropertyDescriptor(owner, key);
      if (now?.value !== descriptor.value) {
        Object.defineProperty(owner, key, descriptor);
        restored++;
      }
    }
    return restored;
  };
}
