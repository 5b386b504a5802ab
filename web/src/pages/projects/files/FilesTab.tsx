import { useProjectOutlet } from '../../../projects/projectContext';
import { FileFiltersBar } from './FileFiltersBar';
import { FileResults } from './FileResults';
import { UploadPanel } from './UploadPanel';
import { useFileFilters } from './useFileFilters';

/**
 * The project's files: those who may manage them upload here (each file on its own, with its
 * progress); everyone on the project searches, narrows and orders them, as a grid of
 * pictures or a list. Others' uploads show live (see projects/liveKeys.ts).
 */
export function FilesTab() {
  const project = useProjectOutlet();
  const [filters, change] = useFileFilters();

  return (
    <>
      {project.can.manageFiles ? <UploadPanel projectId={project.id} /> : null}
      <FileFiltersBar key={`filters-${project.id}`} filters={filters} onChange={change} />
      <FileResults key={`files-${project.id}`} projectId={project.id} filters={filters} canUpload={project.can.manageFiles} />
    </>
  );
}
