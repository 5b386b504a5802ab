import type { UseQueryResult } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { FileView, VersionView } from '../../../../api/schema';
import { isPicture, isPictureVersion } from '../../../../files/pictures';
import { useReviewComments } from '../../../../files/reviewQueries';
import { shownThreads, threadsOf } from '../../../../files/reviewThreads';
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
 * One version of a file under review: its picture with the pinned threads, the comparison of
 * two versions, and beside them the review's decisions, the comment threads (a marker and its
 * thread are selected together), a new version, and the version stack.
 */
export function FileReview({ file, number, versions }: FileReviewProps) {
  const project = useProjectOutlet();
  const comments = useReviewComments(file.id, number);
  const threads = useMemo(() => threadsOf(comments.data ?? []), [comments.data]);
  const [selected, setSelected] = useState<string | null>(null);
  const [showResolved, setShowResolved] = useState(false);
  const pictures = (versions.data ?? []).filter(isPictureVersion);
  const version = versions.data?.find((one) => one.number === number);
  const picture = version ? isPictureVersion(version) : isPicture(file.kind);
  const canComment = project.can.comment;

  return (
    <div className="file-page__layout">
      <div className="file-page__main">
        <FilePreview
          file={file}
          number={number}
          picture={picture}
          pins={{ threads: shownThreads(threads, showResolved), selected, onSelect: setSelected, canComment }}
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
          onSelect={setSelected}
          showResolved={showResolved}
          onShowResolved={setShowResolved}
          canComment={canComment}
          pinnable={picture}
        />
        {file.canManage ? <NewVersionUpload fileId={file.id} /> : null}
        <VersionsPanel file={file} versions={versions} shown={number} />
      </div>
    </div>
  );
}
