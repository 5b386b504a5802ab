import type { FileView } from '../../../api/schema';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { useDownloadVersion } from '../../../files/useDownloadVersion';
import { pagesNote, type PagedDisplay } from '../../../files/versionDisplay';

interface PagePagerProps {
  file: FileView;
  number: number;
  /** The page shown, and how many have previews (of how many the PDF has). */
  page: number;
  display: PagedDisplay;
  onPage: (page: number) => void;
}

/**
 * A PDF's pages in the viewer: previous and next, "Page N of M", a note when the PDF has more
 * pages than the server previews, and the PDF itself to download.
 */
export function PagePager({ file, number, page, display, onPage }: PagePagerProps) {
  const download = useDownloadVersion(file, number);
  const { shown } = display;
  const note = pagesNote(display);
  return (
    <div className="page-pager">
      <div className="page-pager__steps" role="group" aria-label="Pages">
        <button
          className="button button--secondary button--small"
          type="button"
          disabled={page <= 1}
          onClick={() => onPage(page - 1)}
        >
          <span aria-hidden="true">← </span>Previous page
        </button>
        <output className="page-pager__where" aria-live="polite">
          Page {page} of {shown}
        </output>
        <button
          className="button button--secondary button--small"
          type="button"
          disabled={page >= shown}
          onClick={() => onPage(page + 1)}
        >
          Next page<span aria-hidden="true"> →</span>
        </button>
      </div>
      <button
        className="button button--secondary button--small"
        type="button"
        disabled={download.isPending}
        onClick={() => download.mutate()}
      >
        Download the PDF
      </button>
      {note ? <p className="panel__intro page-pager__note">{note}</p> : null}
      <ErrorBanner error={download.error} />
    </div>
  );
}
