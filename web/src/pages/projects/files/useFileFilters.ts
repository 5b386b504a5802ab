import { useSearchParams } from 'react-router-dom';
import { changeFilters, filtersFromParams, paramsOfFilters, type FileFilters } from '../../../files/fileFilters';

/**
 * The file list's filters, sort and layout live in the address (see files/fileFilters.ts), so
 * a filtered list can be reloaded, bookmarked and shared; changing them replaces the history entry.
 */
export function useFileFilters(): [FileFilters, (changes: Partial<FileFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const change = (changes: Partial<FileFilters>) =>
    setParams(paramsOfFilters(changeFilters(filters, changes)), { replace: true });
  return [filters, change];
}
