import { useEffect, useEffectEvent, useState } from 'react';
import type { TeamView } from '../../api/schema';
import type { ProjectStatus } from '../../api/vocabularies';
import { SelectField, TextField } from '../../components/Field';
import { useDebouncedValue } from '../../components/useDebouncedValue';
import { optionsOf, PROJECT_STATUS_LABELS, PROJECT_STATUSES } from '../../projects/vocabulary';
import type { ProjectFilterValues } from './useProjectFilters';

interface ProjectFiltersBarProps {
  values: ProjectFilterValues;
  teams: readonly TeamView[];
  onChange: (changes: Partial<ProjectFilterValues>) => void;
}

const SEARCH_PAUSE_MS = 300;

/** Status, a search in the names, and the team; the search applies once typing pauses. */
export function ProjectFiltersBar({ values, teams, onChange }: ProjectFiltersBarProps) {
  const [typed, setTyped] = useState(values.q);
  const settled = useDebouncedValue(typed.trim(), SEARCH_PAUSE_MS);
  // Reads the latest filters without being a reason to run: only a new pause in typing
  // applies the search; the address changing must not loop back.
  const applySearch = useEffectEvent((q: string) => {
    if (q !== values.q) onChange({ q });
  });
  useEffect(() => {
    applySearch(settled);
  }, [settled]);

  return (
    <form className="form form--inline filters" role="search" aria-label="Filter projects" onSubmit={(e) => e.preventDefault()}>
      <TextField
        label="Search"
        type="search"
        name="q"
        placeholder="Part of a project's name"
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
      />
      <SelectField
        label="Status"
        name="status"
        value={values.status}
        onChange={(event) => onChange({ status: event.target.value as ProjectStatus | '' })}
        options={[{ value: '', label: 'Any status' }, ...optionsOf(PROJECT_STATUSES, PROJECT_STATUS_LABELS)]}
      />
      <SelectField
        label="Team"
        name="team"
        value={values.teamId}
        onChange={(event) => onChange({ teamId: event.target.value })}
        options={[{ value: '', label: 'Any team' }, ...teams.map((team) => ({ value: team.id, label: team.name }))]}
      />
    </form>
  );
}
