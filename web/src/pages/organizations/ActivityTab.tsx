import { ActivityFeed } from '../../components/ActivityFeed';
import { describeActivity } from '../../organizations/describeActivity';
import { useOrganizationOutlet } from '../../organizations/organizationContext';
import { useActivity, useMembers } from '../../organizations/queries';

/** What happened in the organization. */
export function ActivityTab() {
  const organization = useOrganizationOutlet();
  const activity = useActivity(organization.id);
  const members = useMembers(organization.id);
  const names = new Map((members.data ?? []).map((member) => [member.userId, member.name]));
  return <ActivityFeed activity={activity} describe={describeActivity} names={names} titleId="activity-title" />;
}
