import { Link } from 'react-router-dom';
import type { ProjectView } from '../../api/schema';
import { formatDate } from '../../projects/formatDate';
import { PRIORITY_LABELS, PROJECT_ROLE_LABELS } from '../../projects/vocabulary';
import { ProjectStatusTag } from './VocabularyTags';

/** One project in the list: its name (to its board), status, priority, dates, team and the caller's role. */
export function ProjectListItem({ project, teamName }: { project: ProjectView; teamName: string | undefined }) {
  const facts = [
    `${PRIORITY_LABELS[project.priority]} priority`,
    teamName,
    project.dueDate ? `due ${formatDate(project.dueDate)}` : undefined,
    project.role ? `you: ${PROJECT_ROLE_LABELS[project.role]}` : undefined,
  ].filter(Boolean);
  return (
    <li className="item-list__item">
      <div className="item-list__text">
        <Link className="item-list__title" to={`/projects/${project.id}`}>
          {project.name}
        </Link>
        <p className="item-list__meta">{facts.join(' · ')}</p>
      </div>
      <ProjectStatusTag status={project.status} />
    </li>
  );
}
