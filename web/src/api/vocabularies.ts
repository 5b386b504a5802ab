import type {
  DecisionView,
  FileView,
  InvitationView,
  MemberView,
  paths,
  ProjectMemberView,
  ProjectView,
  ReviewView,
  TaskView,
  UserView,
} from './schema';

/**
 * The API's vocabularies, as the generated types state them (schema.d.ts, from the server's
 * OpenAPI document), and the words of those the pages list at runtime (select options,
 * board columns). Each list is checked by the compiler against its union: a word the
 * server does not have is refused, and a word the list lacks fails typecheck with
 * `{ missing: '…' }`, so a new word on the server cannot go unlisted here.
 */

export type OrgRole = MemberView['role'];
export type ProjectRole = ProjectMemberView['role'];
export type ProjectStatus = ProjectView['status'];
export type Priority = ProjectView['priority'] & TaskView['priority'];
/** The board's columns. */
export type TaskStatus = TaskView['status'];
export type InvitationStatus = InvitationView['status'];
export type UserType = UserView['userType'];
export type FileKind = FileView['kind'];
type FilesQuery = NonNullable<paths['/api/projects/{id}/files']['get']['parameters']['query']>;
export type FileSort = NonNullable<FilesQuery['sort']>;
export type SortOrder = NonNullable<FilesQuery['order']>;
/** Where a version's design review stands, and one reviewer's decision on it. */
export type ReviewState = ReviewView['state'];
export type ReviewDecision = DecisionView['decision'];

/** Every word of `Word`, each given once, in the order given. */
const wordsOf =
  <Word extends string>() =>
  <const Words extends readonly Word[]>(
    words: Words & ([Exclude<Word, Words[number]>] extends [never] ? unknown : { missing: Exclude<Word, Words[number]> }),
  ): readonly Word[] =>
    words;

export const PROJECT_STATUSES = wordsOf<ProjectStatus>()(['planning', 'active', 'on_hold', 'completed', 'archived']);

export const PRIORITIES = wordsOf<Priority>()(['low', 'medium', 'high', 'urgent']);

/** Left to right. */
export const TASK_STATUSES = wordsOf<TaskStatus>()(['todo', 'in_progress', 'review', 'done', 'blocked']);

/** From most to least able. */
export const PROJECT_ROLES = wordsOf<ProjectRole>()(['lead', 'editor', 'reviewer', 'viewer']);

export const USER_TYPES = wordsOf<UserType>()(['client', 'designer']);

/** What files are, as the server tells them from their bytes. */
export const FILE_KINDS = wordsOf<FileKind>()(['image', 'vector', 'pdf', 'video', 'audio', 'archive', 'design']);

/** What the file list is ordered by, and which way. */
export const FILE_SORTS = wordsOf<FileSort>()(['date', 'name', 'size']);
export const SORT_ORDERS = wordsOf<SortOrder>()(['asc', 'desc']);
