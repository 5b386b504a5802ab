import { useMemo, useState, type CSSProperties } from 'react';
import type { FileKind } from '../../../api/vocabularies';
import { imageOf } from '../../../components/objectUrl';
import { useInView } from '../../../components/useInView';
import type { PreviewSize } from '../../../api/files';
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
  const [broken, setBroken] = useState<Blob | null>(null);
  const blob = content.data;
  const attach = useMemo(() => (blob ? imageOf(blob) : undefined), [blob]);

  if (!blob || !attach || broken === blob) {
    return (
      <span ref={watch} className="version-image__stand-in" aria-busy={content.isFetching || undefined}>
        <KindIcon kind={kind} name={name} />
      </span>
    );
  }
  return <img ref={attach} className={className} alt={alt} style={style} draggable={false} onError={() => setBroken(blob)} />;
}
