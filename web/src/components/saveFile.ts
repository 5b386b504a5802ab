/**
 * Hands `blob` to the browser as a download named `filename`. For files that needed the
 * bearer token to fetch, which a plain `<a href download>` cannot send.
 */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser reads the URL after click() returns; let it go once it surely has.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
