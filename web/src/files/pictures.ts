import type { VersionView } from '../api/schema';
import type { FileKind } from '../api/vocabularies';

/**
 * Which files the pages draw as pictures: images, and SVG (an `<img>` runs none of its
 * script). Other kinds show a tile with their name.
 */
export const isPicture = (kind: FileKind): boolean => kind === 'image' || kind === 'vector';

/** The same for one version, whose kind may differ from the newest one's: by its type. */
export const isPictureVersion = (version: Pick<VersionView, 'mime'>): boolean => version.mime.startsWith('image/');

/**
 * Whether the server made the version's previews, so that a thumbnail (the small preview: an
 * image, an SVG drawn, a PDF's first page) can be shown. Never the original bytes in a list:
 * they may be 50 MB, or an image no browser should decode.
 */
export const hasPreview = (version: Pick<VersionView, 'preview'>): boolean => version.preview === 'ready';
