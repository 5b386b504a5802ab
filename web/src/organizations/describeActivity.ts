import { isRecord } from '../api/errors';
import type { ActivityView } from '../api/schema';
import type { OrgRole } from '../api/vocabularies';
import { ROLE_LABELS } from './roles';

/**
 * One feed entry in words, after the actor's name: "invited ada@… as Member". `nameOf`
 * turns a member's id into their name where the entry names nobody itself.
 */
export function describeActivity(activity: ActivityView, nameOf: (userId: string) => string | undefined): string {
  const title = activity.entityTitle ?? '';
  const role = roleIn(activity.metadata);
  const who = (activity.entityId && nameOf(activity.entityId)) || title || 'a member';
  switch (activity.action) {
    case 'organization.created':
      return 'created the organization';
    case 'organization.updated':
      return "updated the organization's details";
    case 'organization.ownership_transferred':
      return `handed ownership to ${who}`;
    case 'invitation.sent':
      return role ? `invited ${title} as ${role}` : `invited ${title}`;
    case 'member.joined':
      return role ? `joined as ${role}` : 'joined';
    case 'member.role_changed':
      return role ? `changed the role of ${who} to ${role}` : `changed the role of ${who}`;
    case 'member.removed':
      return `removed ${who}`;
    case 'member.left':
      return 'left the organization';
    case 'team.created':
      return `created the team ${title}`;
    default:
      // An action this version of the app does not know yet: still say something true.
      return title ? `${activity.action.replace(/[._]/g, ' ')}: ${title}` : activity.action.replace(/[._]/g, ' ');
  }
}

function roleIn(metadata: ActivityView['metadata']): string | undefined {
  const role = isRecord(metadata) ? metadata.role : undefined;
  return typeof role === 'string' && role in ROLE_LABELS ? ROLE_LABELS[role as OrgRole] : undefined;
}
