import type { FileListQuery } from '../api/files';
import { FILE_KINDS, FILE_SORTS, SORT_ORDERS, type FileKind, type FileSort, type SortOrder } from '../api/vocabularies';

/** How the list shows: tiles with thumbnails, or rows of facts. */
export type FileLayout = 'grid' | 'list';

export interface FileFilters {
  kind: FileKind | '';
  /** Part of the name, any case; '' for all. */
  q: string;
  sort: FileSort;
  /** Which way the sort runs; '' for its own default (see DEFAULT_ORDER). */
  order: SortOrder | '';
  layout: FileLayout;
}

/** The server's default order of each sort: newest, A to Z, largest first. */
export const DEFAULT_ORDER: Readonly<Record<FileSort, SortOrder>> = { date: 'desc', name: 'asc', size: 'desc' };

const oneOf = <T extends string>(words: readonly T[], value: string | null): T | undefined =>
  words.find((word) => word === value);

/**
 * The filters from the address (`?kind=image&q=logo&sort=name&order=desc&view=list`), so a
 * filtered list can be reloaded and shared. Words the API does not have are left out.
 */
export function filtersFromParams(params: URLSearchParams): FileFilters {
  const sort = oneOf(FILE_SORTS, params.get('sort')) ?? 'date';
  const order = oneOf(SORT_ORDERS, params.get('order')) ?? '';
  return {
    kind: oneOf(FILE_KINDS, params.get('kind')) ?? '',
    q: params.get('q')?.trim() ?? '',
    sort,
    order: order === DEFAULT_ORDER[sort] ? '' : order,
    layout: params.get('view') === 'list' ? 'list' : 'grid',
  };
}

/** The address's query for `filters`: only what differs from the defaults, so the plain list has a plain address. */
export function paramsOfFilters(filters: FileFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.sort !== 'date') params.set('sort', filters.sort);
  const order = orderOf(filters);
  if (order !== DEFAULT_ORDER[filters.sort]) params.set('order', order);
  if (filters.layout === 'list') params.set('view', 'list');
  return params;
}

/** Which way the list runs: the order chosen, or the sort's own. */
export const orderOf = (filters: Pick<FileFilters, 'sort' | 'order'>): SortOrder =>
  filters.order || DEFAULT_ORDER[filters.sort];

/**
 * What the API is asked for `filters`, with what it would do anyway left out: equal lists
 * are one query (one cache entry), whatever way they were reached. The layout is not the
 * server's business.
 */
export function listQuery(filters: FileFilters): FileListQuery {
  const query: FileListQuery = {};
  if (filters.kind) query.kind = filters.kind;
  if (filters.q.trim()) query.q = filters.q.trim();
  if (filters.sort !== 'date') query.sort = filters.sort;
  const order = orderOf(filters);
  if (order !== DEFAULT_ORDER[filters.sort]) query.order = order;
  return query;
}

/** `filters` with `changes`; another sort starts from its own default order unless one is given. */
export function changeFilters(filters: FileFilters, changes: Partial<FileFilters>): FileFilters {
  const next = { ...filters, ...changes };
  if (changes.sort !== undefined && changes.sort !== filters.sort && changes.order === undefined) next.order = '';
  return next;
}

/** Whether the list is narrowed (so an empty one says "no match", not "no files yet"). */
export const isNarrowed = (filters: FileFilters): boolean => Boolean(filters.kind || filters.q.trim());
