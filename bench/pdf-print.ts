/**
 * Synthetic PDFs: the synthetic HTML pages printed by headless Chromium (Debian's, through
 * playwright-core, as the UI tests use it), the way analysts save a vendor's page as PDF and the
 * way the corpus's real PDFs were made. Printing runs offline: every request the page would make
 * is refused, so only the page's own markup is laid out.
 *
 * `BENCH_PDF_DIR=dir` keeps the printed PDFs beside their HTML. The text in each PDF is the seeded page's; the PDF bytes also carry Chromium's creation date and
 * version, so they are not byte-identical from run to run (the parse results are).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/ui/launch';
import type { SyntheticPage } from './corpus';

/** Why PDFs cannot be printed here, or null when they can. */
export function pdfPrintProblem(): string | null {
  return existsSync(CHROMIUM_PATH)
    ? null
    : `no Chromium at ${CHROMIUM_PATH} to print synthetic PDFs (apt-get install chromium)`;
}

/** Each HTML page printed to an A4 PDF with the same entries; `.pdf` file names. */
export async function printPdfs(pages: readonly SyntheticPage[]): Promise<SyntheticPage[]> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS],
  });
  try {
    const context = await browser.newContext({ offline: true, javaScriptEnabled: false });
    await context.route('**/*', (route) => route.abort());
    const tab = await context.newPage();
    const out: SyntheticPage[] = [];
    for (const p of pages) {
      if (!p.format.startsWith('html')) {
        throw new Error(`${p.fileName}: only HTML pages can be printed to PDF`);
      }
      await tab.setContent(new TextDecoder().decode(p.bytes), { waitUntil: 'load' });
      const pdf = await tab.pdf({ format: 'A4', margin: { top: '1cm', bottom: '1cm' } });
      // BENCH_PDF_DIR=dir keeps the printed PDFs (and their HTML) to look at.
      const keep = process.env.BENCH_PDF_DIR;
      if (keep) {
        mkdirSync(keep, { recursive: true });
        writeFileSync(join(keep, p.fileName.replace(/\.html?$/, '.pdf')), pdf);
        writeFileSync(join(keep, p.fileName), p.bytes);
      }
      out.push({
        ...p,
        format: 'pdf',
        fileName: p.fileName.replace(/\.html?$/, '.pdf'),
        bytes: new Uint8Array(pdf),
      });
    }
    return out;
  } finally {
    await browser.close();
  }
}
