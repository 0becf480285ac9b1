import { createContext, useContext } from 'react';
import type { StaffMe } from '../../shared/schemas.ts';
import type { Permission } from '../../shared/permissions.ts';

export type ProjectRef = StaffMe['projects'][number];

export interface StaffContextValue {
  me: StaffMe;
  /** The projects the user may switch between. */
  projects: ProjectRef[];
  project: ProjectRef | undefined;
  projectId: number | undefined;
  setProjectId: (id: number) => void;
  can: (permission: Permission) => boolean;
}

export const StaffContext = createContext<StaffContextValue | null>(null);

/** The signed-in staff member, the chosen project and a permission check. */
export function useStaff(): StaffContextValue {
  const value = useContext(StaffContext);
  if (!value) throw new Error('useStaff outside the staff layout');
  return value;
}

export const PROJECT_STORAGE_KEY = 'gj.projectId';

export function readStoredProjectId(): number | undefined {
  try {
    const n = Number(localStorage.getItem(PROJECT_STORAGE_KEY));
    return Number.isInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

export function storeProjectId(id: number): void {
  try {
    localStorage.setItem(PROJECT_STORAGE_KEY, String(id));
  } catch {
    // storage blocked: the URL still carries the choice
  }
}
