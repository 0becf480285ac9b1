import type { Permission } from '../../shared/permissions.ts';
import { AppError } from './errors.ts';
import type { Actor, ResidentActor, ServiceContext, StaffActor } from './context.ts';

export function requireStaff(actor: Actor): StaffActor {
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN', 'Staff only');
  return actor;
}

export function requireResident(actor: Actor): ResidentActor {
  if (actor.kind !== 'resident') throw new AppError('FORBIDDEN', 'Residents only');
  return actor;
}

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.kind === 'staff' && actor.permissions.has(permission);
}

/** Checks a permission first thing in a service; returns the staff actor for what follows. */
export function requirePermission(ctx: ServiceContext, permission: Permission): StaffActor {
  const staff = requireStaff(ctx.actor);
  if (!staff.permissions.has(permission)) {
    throw new AppError('FORBIDDEN', `Your role does not allow this (needs ${permission})`);
  }
  return staff;
}

export function canAccessProject(actor: StaffActor, projectId: number): boolean {
  return actor.allProjects || actor.projectIds.includes(projectId);
}

/** A project named in the request must be one of the caller's. */
export function assertProjectAccess(actor: StaffActor, projectId: number): void {
  if (!canAccessProject(actor, projectId)) {
    throw new AppError('NOT_IN_PROJECT', `Project ${projectId} is not one of your projects`);
  }
}

/**
 * The project filter of a list: the one asked for (if allowed), else all of the caller's projects;
 * null means no filter (leadership).
 */
export function projectScope(actor: StaffActor, requested?: number): number[] | null {
  if (requested !== undefined) {
    assertProjectAccess(actor, requested);
    return [requested];
  }
  return actor.allProjects ? null : actor.projectIds;
}
