import { useMemo } from 'react';
import type { FileView } from '../../../api/schema';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { linkTo } from '../../../components/objectUrl';
import { useVersionContent } from '../../../files/queries';

/** A version of a PDF, opened in the browser's own viewer in a new tab (fetched here first: it needs the token). */
export function PdfLink({ file, number }: { file: FileView; number: number }) {
  const content = useVersionContent(file.id, number);
  const blob = content.data;
  const attach = useMemo(() => (blob ? linkTo(blob) : undefined), [blob]);

  if (content.isError) return <ErrorBanner error={content.error} />;
  if (!attach) return <p aria-busy="true">Loading the PDF…</p>;
  return (
    <a ref={attach} className="button button--secondary" target="_blank" rel="noopener">
      Open the PDF in a new tab
    </a>
  );
}
