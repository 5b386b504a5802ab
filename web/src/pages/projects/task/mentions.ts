import type { ProjectMember } from '../../../api/projectTypes';

/** `@Name ` as a comment writes a mention. */
export const mentionOf = (member: ProjectMember) => `@${member.name} `;

/** The people a comment mentions: every project member whose `@Name` it contains. */
export function mentionedIn(body: string, members: readonly ProjectMember[]): string[] {
  return members.filter((member) => body.includes(`@${member.name}`)).map((member) => member.userId);
}
