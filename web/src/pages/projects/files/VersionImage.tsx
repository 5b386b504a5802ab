import type { CSSProperties } from 'react';
import type { PreviewSize } from '../../../api/files';
import type { FileKind } from '../../../api/vocabularies';
import { BlobImage } from '../../../components/BlobImage';
import { useInView } from '../../../components/useInView';
import { useVersionContent, useVersionPreview } from '../../../files/queries';
import { KindIcon } from './KindIcon';

interface VersionImageProps {
  fileId: string;
  number: number;
  /** The file's name and kind, for the tile shown when there is no picture. */
  name: string;
  kind: FileKind;
  /** '' when words next to it already name it (a thumbnail beside the name). */
  alt: string;
  className?: string;
  /** Fetch the bytes only once the image comes near the window (long lists of thumbnails). */
  lazy?: boolean;
  /** Show the server's preview of this size instead of the version's own bytes. */
  preview?: PreviewSize;
  /** A PDF's page (from 1), with `preview`. */
  page?: number;
  style?: CSSProperties;
}

/**
 * One version of an image, fetched with the access token and shown through a `blob:` URL.
 * While it loads, and when it cannot be read or shown (TIFF, HEIF…), the kind's tile stands in.
 */
export function VersionImage(props: VersionImageProps) {
  const { fileId, number, name, kind, alt, className, lazy = false, preview, page = 1, style } = props;
  const [seen, watch] = useInView<HTMLSpanElement>();
  const wanted = !lazy || seen;
  const original = useVersionContent(fileId, number, wanted && !preview);
  const scaled = useVersionPreview(fileId, number, preview ?? 'small', wanted && Boolean(preview), page);
  const content = preview ? scaled : original;

  return (
    <BlobImage
      blob={content.data}
      busy={content.isFetching}
      standIn={<KindIcon kind={kind} name={name} />}
      watch={watch}
      alt={alt}
      className={className}
      style={style}
    />
  );
}
