/** The vendor name a file suggests when its page names no publisher: "acme_sub-processors.pdf" → "acme sub processors". */
export function vendorNameFromFileName(fileName: string): string {
  const stem = (fileName.split(/[\\/]/).pop() ?? '').replace(/\.[^.]+$/, '');
  return stem.replace(/[-_]+/g, ' ').trim() || 'Unnamed vendor';
}
