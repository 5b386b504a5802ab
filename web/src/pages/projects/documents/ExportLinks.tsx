import { useMutation } from '@tanstack/react-query';
import { exportDocument, type ExportFormat } from '../../../api/documents';
import type { DocumentView } from '../../../api/schema';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { saveFile } from '../../../components/saveFile';

/** The formats offered, by their canonical names (the server also takes `md` and `txt`). */
const FORMATS: ReadonlyArray<{ format: ExportFormat; label: string; extension: string }> = [
  { format: 'markdown', label: 'Markdown', extension: 'md' },
  { format: 'html', label: 'HTML', extension: 'html' },
  { format: 'text', label: 'Text', extension: 'txt' },
];

/** The name to save under when the server suggests none: the title, without what file systems refuse. */
function fallbackName(title: string, extension: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are among what file systems refuse
  const base = title.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').trim() || 'document';
  return `${base}.${extension}`;
}

/**
 * Downloads of the text as the server renders it (what it has stored, i.e. what shows as
 * "Saved"). The export needs the bearer token, so it is fetched and then handed to the browser.
 */
export function ExportLinks({ document }: { document: DocumentView }) {
  const download = useMutation({
    mutationFn: (format: ExportFormat) => exportDocument(document.id, format),
    onSuccess: ({ blob, filename }, format) => {
      const extension = FORMATS.find((entry) => entry.format === format)?.extension ?? 'txt';
      saveFile(blob, filename ?? fallbackName(document.title, extension));
    },
  });

  return (
    <section className="panel panel--compact" aria-labelledby="document-export-title">
      <h4 className="panel__title" id="document-export-title">
        Export
      </h4>
      <div className="panel__actions">
        {FORMATS.map(({ format, label }) => (
          <button
            key={format}
            className="button button--secondary button--small"
            type="button"
            aria-label={`Export as ${label}`}
            onClick={() => download.mutate(format)}
            disabled={download.isPending}
          >
            {label}
          </button>
        ))}
      </div>
      <ErrorBanner error={download.error} />
    </section>
  );
}
