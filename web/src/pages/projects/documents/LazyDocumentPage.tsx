import { lazy, Suspense } from 'react';

const DocumentPage = lazy(() => import('./DocumentPage').then((module) => ({ default: module.DocumentPage })));

/** The document page, fetched the first time someone opens a document. */
export function LazyDocumentPage() {
  return (
    <Suspense fallback={<p aria-busy="true">Loading the editor…</p>}>
      <DocumentPage />
    </Suspense>
  );
}
