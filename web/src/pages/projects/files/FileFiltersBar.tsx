import { useEffect, useEffectEvent, useState } from 'react';
import type { FileKind, FileSort, SortOrder } from '../../../api/vocabularies';
import { SelectField, TextField } from '../../../components/Field';
import { ToggleGroup } from '../../../components/ToggleGroup';
import { useDebouncedValue } from '../../../components/useDebouncedValue';
import { orderOf, type FileFilters, type FileLayout } from '../../../files/fileFilters';
import { FILE_KINDS, FILE_SORTS, KIND_LABELS, ORDER_LABELS, SORT_LABELS } from '../../../files/vocabulary';
import { optionsOf } from '../../../projects/vocabulary';

interface FileFiltersBarProps {
  filters: FileFilters;
  onChange: (changes: Partial<FileFilters>) => void;
}

const SEARCH_PAUSE_MS = 300;

const LAYOUTS: ReadonlyArray<{ value: FileLayout; label: string }> = [
  { value: 'grid', label: 'Grid' },
  { value: 'list', label: 'List' },
];

/** A search in the names, the kind, the order, and grid or list; the search applies once typing pauses. */
export function FileFiltersBar({ filters, onChange }: FileFiltersBarProps) {
  const [typed, setTyped] = useState(filters.q);
  const settled = useDebouncedValue(typed.trim(), SEARCH_PAUSE_MS);
  // Reads the latest filters without being a reason to run: only a new pause in typing
  // applies the search; the address changing must not loop back.
  const applySearch = useEffectEvent((q: string) => {
    if (q !== filters.q) onChange({ q });
  });
  useEffect(() => {
    applySearch(settled);
  }, [settled]);
  const order = orderOf(filters);

  return (
    <div className="file-toolbar">
      <form className="form form--inline filters" role="search" aria-label="Filter files" onSubmit={(e) => e.preventDefault()}>
        <TextField
          label="Search"
          type="search"
          name="q"
          placeholder="Part of a file's name"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
        />
        <SelectField
          label="Kind"
          name="kind"
          value={filters.kind}
          onChange={(event) => onChange({ kind: event.target.value as FileKind | '' })}
          options={[{ value: '', label: 'Any kind' }, ...optionsOf(FILE_KINDS, KIND_LABELS)]}
        />
        <SelectField
          label="Sort by"
          name="sort"
          value={filters.sort}
          onChange={(event) => onChange({ sort: event.target.value as FileSort })}
          options={optionsOf(FILE_SORTS, SORT_LABELS)}
        />
        <SelectField
          label="Order"
          name="order"
          value={order}
          onChange={(event) => onChange({ order: event.target.value as SortOrder })}
          options={Object.entries(ORDER_LABELS[filters.sort]).map(([value, label]) => ({ value, label }))}
        />
      </form>
      <ToggleGroup label="Show files as" options={LAYOUTS} value={filters.layout} onChange={(layout) => onChange({ layout })} />
    </div>
  );
}
