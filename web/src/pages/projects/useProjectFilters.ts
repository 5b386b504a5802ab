import { useSearchParams } from 'react-router-dom';
import type { ProjectStatus } from '../../api/vocabularies';
import { PROJECT_STATUSES } from '../../projects/vocabulary';

export interface ProjectFilterValues {
  status: ProjectStatus | '';
  q: string;
  teamId: string;
}

/**
 * The list's filters live in the address (`?status=active&q=logo&team=…`), so a filtered
 * list can be reloaded, bookmarked and shared; changing them replaces the history entry.
 */
export function useProjectFilters(): [ProjectFilterValues, (changes: Partial<ProjectFilterValues>) => void] {
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const values: ProjectFilterValues = {
    status: (PROJECT_STATUSES as readonly string[]).includes(status) ? (status as ProjectStatus) : '',
    q: params.get('q') ?? '',
    teamId: params.get('team') ?? '',
  };
  const change = (changes: Partial<ProjectFilterValues>) => {
    const next = { ...values, ...changes };
    const query = new URLSearchParams();
    if (next.status) query.set('status', next.status);
    if (next.q) query.set('q', next.q);
    if (next.teamId) query.set('team', next.teamId);
    setParams(query, { replace: true });
  };
  return [values, change];
}
