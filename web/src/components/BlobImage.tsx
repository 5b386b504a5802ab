import { useMemo, useState, type CSSProperties, type ReactNode } from 'react';
import { imageOf } from './objectUrl';

interface BlobImageProps {
  /** The image's bytes, once fetched. */
  blob: Blob | undefined;
  /** Whether the bytes are on their way. */
  busy: boolean;
  /** Shown while there are no bytes, and when they cannot be shown as an image (TIFF, HEIF…). */
  standIn: ReactNode;
  /** A ref for the stand-in (useInView's, to fetch the bytes once it comes near the window). */
  watch?: (element: HTMLSpanElement | null) => (() => void) | undefined;
  alt: string;
  className?: string;
  style?: CSSProperties;
}

/** Fetched image bytes (those that needed the access token) shown through a `blob:` URL, or a stand-in. */
export function BlobImage({ blob, busy, standIn, watch, alt, className, style }: BlobImageProps) {
  const [broken, setBroken] = useState<Blob | null>(null);
  const attach = useMemo(() => (blob ? imageOf(blob) : undefined), [blob]);

  if (!blob || !attach || broken === blob) {
    return (
      <span ref={watch} className="version-image__stand-in" aria-busy={busy || undefined}>
        {standIn}
      </span>
    );
  }
  return <img ref={attach} className={className} alt={alt} style={style} draggable={false} onError={() => setBroken(blob)} />;
}
