import type { FileKind, FileSort, ReviewDecision, ReviewState, SortOrder } from '../api/vocabularies';

/**
 * The files vocabularies' words as the pages show them. The lists of the words themselves,
 * in the order the pages list them, are in api/vocabularies.ts.
 */

export { FILE_KINDS, FILE_SORTS } from '../api/vocabularies';

export const KIND_LABELS: Readonly<Record<FileKind, string>> = {
  image: 'Image',
  vector: 'Vector',
  pdf: 'PDF',
  video: 'Video',
  audio: 'Audio',
  archive: 'Archive',
  design: 'Design file',
};

export const SORT_LABELS: Readonly<Record<FileSort, string>> = {
  date: 'Date',
  name: 'Name',
  size: 'Size',
};

/** Each way a sort runs, in its own words; its default first. */
export const ORDER_LABELS: Readonly<Record<FileSort, Readonly<Record<SortOrder, string>>>> = {
  date: { desc: 'Newest first', asc: 'Oldest first' },
  name: { asc: 'A to Z', desc: 'Z to A' },
  size: { desc: 'Largest first', asc: 'Smallest first' },
};

/** A version's review as its badge says it. */
export const REVIEW_STATE_LABELS: Readonly<Record<ReviewState, string>> = {
  pending: 'Pending review',
  approved: 'Approved',
  changes_requested: 'Changes requested',
};

/** One reviewer's decision, after their name. */
export const DECISION_WORDS: Readonly<Record<ReviewDecision, string>> = {
  approved: 'approved',
  changes_requested: 'asked for changes',
};
