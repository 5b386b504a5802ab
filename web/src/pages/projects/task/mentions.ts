import type { ProjectMemberView } from '../../../api/schema';

/** `@Name ` as a comment writes a mention. */
export const mentionOf = (member: ProjectMemberView) => `@${member.name} `;

/** A letter, mark, digit or connector (`_`) of any script: what continues a name. */
const WORD_CHARACTER = '[\\p{L}\\p{M}\\p{N}\\p{Pc}]';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * The people a comment mentions: every project member whose `@Name` it contains, followed
 * by something other than a word character (or nothing), so `@Anna` does not mention Ann.
 */
export function mentionedIn(body: string, members: readonly ProjectMemberView[]): string[] {
  return members
    .filter((member) => new RegExp(`@${escapeRegExp(member.name)}(?!${WORD_CHARACTER})`, 'u').test(body))
    .map((member) => member.userId);
}
