import { ActivityFeed } from '../../components/ActivityFeed';
import { useMembers } from '../../organizations/queries';
import { describeProjectActivity } from '../../projects/describeProjectActivity';
import { useProjectOutlet } from '../../projects/projectContext';
import { useProjectActivity } from '../../projects/queries';

/** What happened in the project. */
export function ProjectActivityTab() {
  const project = useProjectOutlet();
  const activity = useProjectActivity(project.id);
  // Entries about people name them by id; the organization's members give their names.
  const members = useMembers(project.organizationId);
  const names = new Map((members.data ?? []).map((member) => [member.userId, member.name]));
  return (
    <ActivityFeed activity={activity} describe={describeProjectActivity} names={names} titleId="project-activity-title" />
  );
}
