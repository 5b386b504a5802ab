import { useEffect } from 'react';
import { ApiError } from '../../../api/errors';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { LoadMore } from '../../../components/LoadMore';
import { isNarrowed, listQuery, type FileFilters } from '../../../files/fileFilters';
import { useFiles } from '../../../files/queries';
import { FileGrid } from './FileGrid';
import { FileTable } from './FileTable';

interface FileResultsProps {
  projectId: string;
  filters: FileFilters;
  /** Whether the caller may upload (what to say when there is nothing yet). */
  canUpload: boolean;
}

/** The project's files as `filters` narrow and order them, as a grid or a list, with "Load more". */
export function FileResults({ projectId, filters, canUpload }: FileResultsProps) {
  const files = useFiles(projectId, listQuery(filters));
  const items = files.data?.pages.flatMap((page) => page.items) ?? [];
  // "Load more" from a file deleted meanwhile: the server asks for the list from the start,
  // which a refetch does (each page after the first continues from the fresh one before it).
  const staleCursor = files.error instanceof ApiError && files.error.code === 'invalid_reference';
  const { refetch } = files;
  useEffect(() => {
    if (staleCursor) void refetch();
  }, [staleCursor, refetch]);

  return (
    <>
      <ErrorBanner error={staleCursor ? null : files.error} />
      {files.isPending ? <p aria-busy="true">Loading files…</p> : null}
      {files.isSuccess && items.length === 0 ? (
        isNarrowed(filters) ? (
          <EmptyState title="No files match">
            <p>Try another kind, or another part of the name.</p>
          </EmptyState>
        ) : (
          <EmptyState title="No files yet">
            <p>
              {canUpload
                ? 'Drop images, PDFs, videos and design files above to share them with the project.'
                : "The project's images, PDFs, videos and design files will show here."}
            </p>
          </EmptyState>
        )
      ) : null}
      {items.length ? (
        <div className="file-results" aria-busy={files.isPlaceholderData || undefined}>
          {filters.layout === 'grid' ? <FileGrid files={items} /> : <FileTable files={items} />}
        </div>
      ) : null}
      <LoadMore list={files} />
    </>
  );
}
