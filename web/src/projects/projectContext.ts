import { useOutletContext } from 'react-router-dom';
import type { ProjectView } from '../api/schema';

/** What ProjectPage hands the section below it: the project, with the caller's role. */
export interface ProjectOutlet {
  project: ProjectView;
}

export function useProjectOutlet(): ProjectView {
  return useOutletContext<ProjectOutlet>().project;
}
