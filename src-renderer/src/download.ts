/** Offers data as a file download; works in Electron (save dialog) and in browser mode. */
function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Offers `text` (CSV, JSON, a calendar) as a file download. */
export function downloadText(fileName: string, mediaType: string, text: string): void {
  downloadBlob(fileName, new Blob([text], { type: mediaType }));
}

/** Offers bytes (a workbook) as a file download. */
export function downloadBytes(fileName: string, mediaType: string, bytes: Uint8Array): void {
  // A copy into a plain ArrayBuffer: Blob takes no view over a possibly shared buffer.
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  downloadBlob(fileName, new Blob([copy.buffer], { type: mediaType }));
}
