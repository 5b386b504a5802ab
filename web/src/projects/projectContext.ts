import { useOutletContext } from 'react-router-dom';
import type { Project } from '../api/projectTypes';

/** What ProjectPage hands the section below it: the project, with the caller's role. */
export interface ProjectOutlet {
  project: Project;
}

export function useProjectOutlet(): Project {
  return useOutletContext<ProjectOutlet>().project;
}
