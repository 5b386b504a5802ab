import type { UseQueryResult } from '@tanstack/react-query';
import type { FileView, VersionView } from '../../../api/schema';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { useMembers } from '../../../organizations/queries';
import { useProjectOutlet } from '../../../projects/projectContext';
import { VersionItem } from './VersionItem';

interface VersionsPanelProps {
  file: FileView;
  versions: UseQueryResult<VersionView[]>;
  /** The version the page shows and reviews. */
  shown: number;
}

/** The file's version stack, newest first, each with its review state, to show and review or to download. */
export function VersionsPanel({ file, versions, shown }: VersionsPanelProps) {
  const project = useProjectOutlet();
  // Versions name their uploader by id; the organization's members give their names.
  const members = useMembers(project.organizationId);
  const names = new Map((members.data ?? []).map((member) => [member.userId, member.name]));

  return (
    <section className="panel panel--compact" aria-labelledby="versions-title">
      <h4 className="panel__title" id="versions-title">
        Versions
      </h4>
      <ErrorBanner error={versions.error} />
      {versions.isPending ? <p aria-busy="true">Loading versions…</p> : null}
      {versions.data?.length ? (
        <ol className="item-list" aria-label="Versions">
          {versions.data.map((version) => (
            <VersionItem
              key={version.number}
              file={file}
              version={version}
              shown={version.number === shown}
              uploader={version.uploadedBy ? names.get(version.uploadedBy) : undefined}
            />
          ))}
        </ol>
      ) : null}
    </section>
  );
}
