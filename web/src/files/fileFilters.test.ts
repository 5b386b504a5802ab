import { describe, expect, it } from 'vitest';
import {
  changeFilters,
  filtersFromParams,
  isNarrowed,
  listQuery,
  orderOf,
  paramsOfFilters,
  type FileFilters,
} from './fileFilters';

const PLAIN: FileFilters = { kind: '', q: '', sort: 'date', order: '', layout: 'grid' };
const from = (query: string) => filtersFromParams(new URLSearchParams(query));

describe('file filters in the address', () => {
  it('reads the plain list from an empty address', () => {
    expect(from('')).toEqual(PLAIN);
  });

  it('reads every filter, the search trimmed', () => {
    expect(from('kind=image&q=%20Logo%20&sort=name&order=desc&view=list')).toEqual({
      kind: 'image',
      q: 'Logo',
      sort: 'name',
      order: 'desc',
      layout: 'list',
    });
  });

  it('leaves out words the API does not have', () => {
    expect(from('kind=spreadsheet&sort=colour&order=sideways&view=cards')).toEqual(PLAIN);
  });

  it("reads a sort's own default order as no choice", () => {
    expect(from('sort=name&order=asc').order).toBe('');
    expect(from('order=desc').order).toBe('');
    expect(from('order=asc').order).toBe('asc');
  });

  it('writes only what differs from the defaults, and reads back what it wrote', () => {
    expect(paramsOfFilters(PLAIN).toString()).toBe('');
    const filters: FileFilters = { kind: 'pdf', q: 'brief', sort: 'size', order: 'asc', layout: 'list' };
    expect(paramsOfFilters(filters).toString()).toBe('kind=pdf&q=brief&sort=size&order=asc&view=list');
    expect(filtersFromParams(paramsOfFilters(filters))).toEqual(filters);
    expect(paramsOfFilters({ ...PLAIN, sort: 'name', order: 'asc', q: '  ' }).toString()).toBe('sort=name');
  });
});

describe('the API query of the filters', () => {
  it('asks for nothing the server does anyway', () => {
    expect(listQuery(PLAIN)).toEqual({});
    expect(listQuery({ ...PLAIN, order: 'desc', layout: 'list' })).toEqual({});
    expect(listQuery({ ...PLAIN, sort: 'name', order: 'asc' })).toEqual({ sort: 'name' });
  });

  it('maps kind, search, sort and a non-default order', () => {
    expect(listQuery({ kind: 'video', q: ' Reel ', sort: 'size', order: 'asc', layout: 'grid' })).toEqual({
      kind: 'video',
      q: 'Reel',
      sort: 'size',
      order: 'asc',
    });
    expect(listQuery({ ...PLAIN, order: 'asc' })).toEqual({ order: 'asc' });
    expect(listQuery({ ...PLAIN, sort: 'name', order: 'desc' })).toEqual({ sort: 'name', order: 'desc' });
  });

  it('gives equal lists equal queries, whichever way they were reached', () => {
    expect(listQuery(from('sort=name&order=asc'))).toEqual(listQuery(from('sort=name')));
  });
});

describe('changing the filters', () => {
  it("starts another sort from its own default order", () => {
    const oldestFirst: FileFilters = { ...PLAIN, order: 'asc' };
    const byName = changeFilters(oldestFirst, { sort: 'name' });
    expect(byName.order).toBe('');
    expect(orderOf(byName)).toBe('asc');
    expect(orderOf(changeFilters(oldestFirst, { sort: 'size' }))).toBe('desc');
  });

  it('keeps the order when the sort stays, or when one is given with it', () => {
    const oldestFirst: FileFilters = { ...PLAIN, order: 'asc' };
    expect(changeFilters(oldestFirst, { kind: 'image' }).order).toBe('asc');
    expect(changeFilters(oldestFirst, { sort: 'date' }).order).toBe('asc');
    expect(changeFilters(oldestFirst, { sort: 'name', order: 'desc' }).order).toBe('desc');
  });

  it('tells a narrowed list from the whole one', () => {
    expect(isNarrowed(PLAIN)).toBe(false);
    expect(isNarrowed({ ...PLAIN, sort: 'size', layout: 'list' })).toBe(false);
    expect(isNarrowed({ ...PLAIN, kind: 'audio' })).toBe(true);
    expect(isNarrowed({ ...PLAIN, q: 'x' })).toBe(true);
  });
});
