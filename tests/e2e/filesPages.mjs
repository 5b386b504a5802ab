// What people do on a project's files, as steps the browser tests share, and the small real
// PNG images they upload (made here, in memory). Like projectPages.mjs, every step finds
// controls by label or role and waits for what the page shows, never for a guessed time.

import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { field, heading } from './accountPages.mjs';

// --- Images ---------------------------------------------------------------------------------

/**
 * A real PNG of `width` × `height` pixels in one colour (`[r, g, b]`): signature, IHDR, one
 * IDAT of deflated rows, IEND. The server takes it as image/png and the browser draws it.
 */
export function solidPng(width, height, [r, g, b]) {
  const row = Buffer.alloc(1 + width * 3); // filter byte 0 (none), then RGB per pixel
  for (let x = 0; x < width; x += 1) row.set([r, g, b], 1 + x * 3);
  return png(width, height, Array.from({ length: height }, () => row));
}

/**
 * A real PNG of random pixels, which deflate cannot shrink: about `width` × `height` × 3
 * bytes, for uploads that must be large.
 */
export function noisePng(width, height) {
  return png(
    width,
    height,
    Array.from({ length: height }, () => Buffer.concat([Buffer.from([0]), randomBytes(width * 3)])),
  );
}

/** Signature, IHDR, one IDAT of the deflated `rows` (each a filter byte, then RGB), IEND. */
function png(width, height, rows) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, truecolour, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** CRC-32 (ISO-HDLC), as PNG chunks carry it. */
function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A file for `setInputFiles`, from memory. */
export const pngFile = (name, width, height, colour) => ({
  name,
  mimeType: 'image/png',
  buffer: solidPng(width, height, colour),
});

// --- PDFs ----------------------------------------------------------------------------------

/**
 * A minimal valid PDF of `pages` pages (400 × 200 points, a blue box on each), as
 * crates/files/src/samples.rs `pdf()` writes it: catalog, page tree, a page and its content
 * stream per page, and a cross-reference table with each object's exact offset.
 */
export function pdfBytes(pages) {
  const content = '0 0 1 rg 50 50 300 100 re f';
  const firstPage = 3;
  const kids = Array.from({ length: pages }, (_, i) => `${firstPage + 2 * i} 0 R`).join(' ');
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`];
  for (let i = 0; i < pages; i += 1) {
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 200] /Contents ${firstPage + 2 * i + 1} 0 R >>`);
    objects.push(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  }
  let out = '%PDF-1.7\n';
  const offsets = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A PDF for `setInputFiles`, from memory. */
export const pdfFile = (name, pages) => ({ name, mimeType: 'application/pdf', buffer: pdfBytes(pages) });

// --- The Files section ----------------------------------------------------------------------

/** The project's Files section, opened from its tabs; waits for the list (or its empty state) to be read. */
export async function openFiles(page) {
  await page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name: 'Files', exact: true }).click();
  await page.waitForURL((url) => /^\/projects\/[^/]+\/files$/.test(url.pathname));
  await fileGrid(page).or(page.getByText('No files yet', { exact: true })).waitFor();
}

/** The grid of files (`<ul aria-label="Files">`). */
export function fileGrid(page) {
  return page.getByRole('list', { name: 'Files', exact: true });
}

/** A file's tile in the grid, by its name. */
export function fileCard(page, name) {
  return fileGrid(page).getByRole('listitem').filter({ has: page.getByRole('link', { name, exact: true }) });
}

/** The uploads still on their way (or failed) under the drop zone. */
export function uploads(page) {
  return page.getByRole('list', { name: 'Uploads', exact: true });
}

/**
 * Whether `response` is the one that made an upload whole: the tus PATCH answered 204 with its
 * `Upload-Offset` at its `Upload-Length` (docs/FILES.md, "Resumable uploads").
 */
export function completesUpload(response) {
  if (response.request().method() !== 'PATCH' || response.status() !== 204) return false;
  if (!/^\/api\/uploads\/[^/]+$/.test(new URL(response.url()).pathname)) return false;
  const headers = response.headers();
  return headers['upload-offset'] !== undefined && headers['upload-offset'] === headers['upload-length'];
}

/** Whether `response` is a refusal of a resumable upload's request (POST, HEAD, PATCH, DELETE). */
export function refusesUpload(response) {
  return /^\/api\/uploads(\/[^/]+)?$/.test(new URL(response.url()).pathname) && response.status() >= 400;
}

/**
 * Chooses `files` in the input labelled `label`, waits for the server to take each one whole
 * (the tus PATCH with its last byte; a refusal fails at once, with the server's words) and for
 * the queue to let them go.
 */
export async function uploadThrough(page, label, files) {
  const taken = new Promise((resolve, reject) => {
    let whole = 0;
    const onResponse = async (response) => {
      if (refusesUpload(response)) {
        page.off('response', onResponse);
        const { pathname } = new URL(response.url());
        reject(new Error(`${response.request().method()} ${pathname} answered ${response.status()}: ${await response.text()}`));
      } else if (completesUpload(response) && ++whole === files.length) {
        page.off('response', onResponse);
        resolve();
      }
    };
    page.on('response', onResponse);
  });
  await field(page, label).setInputFiles(files);
  await taken;
  await uploads(page).waitFor({ state: 'detached' });
}

/**
 * Waits until `image` has been drawn from fetched bytes: a `blob:` URL (the access token
 * cannot ride on an `src`), fully decoded, with a size.
 */
export async function waitForPicture(image) {
  const element = await image.elementHandle();
  await image.page().waitForFunction(
    (img) => img.isConnected && img.complete && img.naturalWidth > 0 && img.src.startsWith('blob:'),
    element,
  );
}

/** The open file's version stack. */
export function versionList(page) {
  return page.getByRole('list', { name: 'Versions', exact: true });
}

/** Opens a file from the grid by its name; waits for its page. */
export async function openFile(page, name) {
  await fileCard(page, name).getByRole('link', { name, exact: true }).click();
  await heading(page, name).waitFor();
  await versionList(page).waitFor();
}
