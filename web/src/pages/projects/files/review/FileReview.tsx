import type { UseQueryResult } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { FileView, VersionView } from '../../../../api/schema';
import { isPictureVersion } from '../../../../files/pictures';
import { pageOfThread, threadsOnPage } from '../../../../files/pinPages';
import { useReviewComments } from '../../../../files/reviewQueries';
import { shownThreads, threadsOf } from '../../../../files/reviewThreads';
import { clampPage, displayOf, isViewable } from '../../../../files/versionDisplay';
import { useProjectOutlet } from '../../../../projects/projectContext';
import { CompareVersions } from '../CompareVersions';
import { FilePreview } from '../FilePreview';
import { NewVersionUpload } from '../NewVersionUpload';
import { VersionsPanel } from '../VersionsPanel';
import { ReviewComments } from './ReviewComments';
import { ReviewDecisionPanel } from './ReviewDecisionPanel';

interface FileReviewProps {
  file: FileView;
  /** The version shown and reviewed. */
  number: number;
  versions: UseQueryResult<VersionView[]>;
}

/**
 * One version of a file under review: its picture (a PDF's pages one at a time) with the pinned
 * threads (a PDF's on their page), the comparison of two versions, and beside them the review's
 * decisions, the comment threads (a marker and its thread are selected together; a thread on
 * another page goes to that page), a new version, and the version stack.
 */
export function FileReview({ file, number, versions }: FileReviewProps) {
  const project = useProjectOutlet();
  const comments = useReviewComments(file.id, number);
  const threads = useMemo(() => threadsOf(comments.data ?? []), [comments.data]);
  const [selected, setSelected] = useState<string | null>(null);
  const [showResolved, setShowResolved] = useState(false);
  const [page, setPage] = useState(1);
  const pictures = (versions.data ?? []).filter(isPictureVersion);
  // The newest version is on the file itself; an older one comes with the version stack.
  const version = versions.data?.find((one) => one.number === number) ?? (number === file.latest.number ? file.latest : undefined);
  const display = version ? displayOf(version) : null;
  // A PDF's pins name their page (also when its pages are not drawn here).
  const paged = version?.mime === 'application/pdf';
  const pageShown = display?.shows === 'pages' ? clampPage(page, display.shown) : null;
  const canComment = project.can.comment;

  // Selecting a thread pinned on another page of a PDF goes to that page.
  const select = (rootId: string) => {
    setSelected(rootId);
    if (display?.shows !== 'pages') return;
    const to = pageOfThread(threads, rootId, true);
    if (to !== null && to <= display.shown) setPage(to);
  };

  return (
    <div className="file-page__layout">
      <div className="file-page__main">
        <FilePreview
          file={file}
          number={number}
          display={display}
          page={pageShown ?? 1}
          onPage={setPage}
          pins={{ threads: threadsOnPage(shownThreads(threads, showResolved), pageShown), selected, onSelect: select, canComment }}
        />
        {pictures.length >= 2 ? (
          // Starts again from the newest two when another version comes.
          <CompareVersions key={pictures[0]!.number} file={file} versions={pictures} />
        ) : null}
      </div>
      <div className="file-page__side">
        <ReviewDecisionPanel fileId={file.id} projectId={file.projectId} number={number} />
        <ReviewComments
          fileId={file.id}
          number={number}
          comments={comments}
          threads={threads}
          selected={selected}
          onSelect={select}
          showResolved={showResolved}
          onShowResolved={setShowResolved}
          canComment={canComment}
          pinnable={display !== null && isViewable(display)}
          paged={paged}
        />
        {file.canManage ? <NewVersionUpload fileId={file.id} /> : null}
        <VersionsPanel file={file} versions={versions} shown={number} />
      </div>
    </div>
  );
}
