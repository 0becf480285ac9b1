/**
 * TanStack Query hooks over the typed client: each call names its operation by path and gets its
 * types from the route table (src/shared/api; type-only imports, so zod stays out of the bundle).
 */
import { keepPreviousData, type QueryClient, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type * as s from '../../shared/schemas.ts';
import type { Me } from '../../shared/schemas.ts';
import type { RoleCode } from '../../shared/permissions.ts';
import { ApiError, api } from './client.ts';

export type ResidentMe = Extract<Me, { kind: 'resident' }>;
export type BuildingCreate = z.input<typeof s.buildingCreate>;
export type ProjectCreate = z.input<typeof s.projectCreate>;
export type UnitUpdate = z.input<typeof s.unitUpdate>;
export type CustomerCreate = z.input<typeof s.customerCreate>;
export type CustomerUpdate = z.input<typeof s.customerUpdate>;
export type OccupancyCreate = z.input<typeof s.occupancyCreate>;
export type OccupancyUpdate = z.input<typeof s.occupancyUpdate>;
export type StaffCreate = z.input<typeof s.staffCreate>;
export type StaffUpdate = z.input<typeof s.staffUpdate>;
export type StaffCreated = z.infer<typeof s.staffCreated>;
export type ChangePassword = z.input<typeof s.changePasswordBody>;
export type LoginBody = z.input<typeof s.loginBody>;
export type PortalLoginBody = z.input<typeof s.portalLoginBody>;

export const PAGE_SIZE = 50;
const MAX_PAGES = 100;

export const keys = {
  me: ['me'] as const,
  projects: ['projects'] as const,
  summary: (projectId: number) => ['summary', projectId] as const,
  buildings: (projectId: number) => ['buildings', projectId] as const,
  units: (projectId: number, buildingId: number) => ['units', projectId, buildingId] as const,
  unitSearch: (projectId: number, q: string) => ['unit-search', projectId, q] as const,
  unit: (id: number) => ['unit', id] as const,
  customers: (projectId: number, q: string) => ['customers', projectId, q] as const,
  customer: (id: number) => ['customer', id] as const,
  staff: (projectId: number, q: string, role: string) => ['staff', projectId, q, role] as const,
  roles: ['roles'] as const,
  departments: (projectId: number) => ['departments', projectId] as const,
  audit: (projectId: number, entity: string, action = '') => ['audit', projectId, entity, action] as const,
  households: ['households'] as const,
};

/** Follows nextCursor until the list ends; for lists the screen shows whole (units of a building). */
async function fetchAll<T>(page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < MAX_PAGES; i++) {
    const next: { items: T[]; nextCursor: string | null } = await page(cursor ?? undefined);
    items.push(...next.items);
    cursor = next.nextCursor;
    if (!cursor) break;
  }
  return items;
}

// ---------- session ----------

/** A new user (or none) must not see the previous user's cached data. */
function forgetEverythingBut(qc: QueryClient, me: Me | null) {
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.me[0] });
  qc.setQueryData(keys.me, me);
}

/** The signed-in user, or null when there is no session. */
export function useMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: async ({ signal }): Promise<Me | null> => {
      try {
        return await api.get('/api/auth/me', { signal });
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: Infinity,
    retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
  });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => api.post('/api/auth/login', { body }),
    onSuccess: (me) => {
      forgetEverythingBut(qc, me);
    },
  });
}

export function usePortalLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PortalLoginBody) => api.post('/api/portal/login', { body }),
    onSuccess: (me) => {
      forgetEverythingBut(qc, me);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/auth/logout'),
    onSettled: () => {
      forgetEverythingBut(qc, null);
    },
  });
}

export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangePassword) => api.post('/api/auth/password', { body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.me }),
  });
}

// ---------- organisation ----------

/** Every project (for users whose roles span all projects). */
export function useAllProjects(enabled: boolean) {
  return useQuery({
    queryKey: keys.projects,
    // The server answers every project at once (nextCursor is always null).
    queryFn: ({ signal }) => api.get('/api/projects', { signal }).then((r) => r.items),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useProjectSummary(projectId: number | undefined) {
  return useQuery({
    queryKey: keys.summary(projectId ?? 0),
    queryFn: ({ signal }) => api.get('/api/projects/:id/summary', { params: { id: projectId ?? 0 }, signal }),
    enabled: !!projectId,
  });
}

export function useRoles(enabled = true) {
  return useQuery({
    queryKey: keys.roles,
    queryFn: ({ signal }) => api.get('/api/roles', { signal }).then((r) => r.items),
    staleTime: Infinity,
    enabled,
  });
}

export function useDepartments(projectId: number | undefined) {
  return useQuery({
    queryKey: keys.departments(projectId ?? 0),
    queryFn: ({ signal }) => api.get('/api/departments', { query: { projectId }, signal }).then((r) => r.items),
    enabled: !!projectId,
    staleTime: 5 * 60_000,
  });
}

// ---------- property ----------

export function useBuildings(projectId: number | undefined) {
  return useQuery({
    queryKey: keys.buildings(projectId ?? 0),
    queryFn: ({ signal }) => fetchAll((cursor) => api.get('/api/buildings', { query: { projectId, limit: 200, cursor }, signal })),
    enabled: !!projectId,
  });
}

export function useBuildingUnits(projectId: number | undefined, buildingId: number | undefined) {
  return useQuery({
    queryKey: keys.units(projectId ?? 0, buildingId ?? 0),
    queryFn: ({ signal }) => fetchAll((cursor) => api.get('/api/units', { query: { projectId, buildingId, limit: 200, cursor }, signal })),
    enabled: !!projectId && !!buildingId,
  });
}

export function useUnitSearch(projectId: number | undefined, q: string) {
  return useQuery({
    queryKey: keys.unitSearch(projectId ?? 0, q),
    queryFn: async ({ signal }) => (await api.get('/api/units', { query: { projectId, q, limit: 20 }, signal })).items,
    enabled: !!projectId && q.trim().length > 0,
    placeholderData: keepPreviousData,
  });
}

export function useUnit(id: number) {
  return useQuery({
    queryKey: keys.unit(id),
    queryFn: ({ signal }) => api.get('/api/units/:id', { params: { id }, signal }),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useCreateProject() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ProjectCreate) => api.post('/api/projects', { body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.projects }),
  });
}

export function useCreateBuilding() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BuildingCreate) => api.post('/api/buildings', { body }),
    onSuccess: (b) => {
      void qc.invalidateQueries({ queryKey: keys.buildings(b.projectId) });
      void qc.invalidateQueries({ queryKey: keys.summary(b.projectId) });
    },
  });
}

export function useUpdateUnit(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UnitUpdate) => api.patch('/api/units/:id', { params: { id }, body }),
    onSuccess: (u) => {
      void qc.invalidateQueries({ queryKey: keys.unit(id) });
      void qc.invalidateQueries({ queryKey: ['units', u.projectId] });
      void qc.invalidateQueries({ queryKey: keys.summary(u.projectId) });
    },
  });
}

// ---------- customers ----------

export function useCustomers(projectId: number | undefined, q: string) {
  return useInfiniteQuery({
    queryKey: keys.customers(projectId ?? 0, q),
    queryFn: ({ pageParam, signal }) => api.get('/api/customers', { query: { projectId, q, limit: PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !!projectId,
    placeholderData: keepPreviousData,
  });
}

export function useCustomer(id: number) {
  return useQuery({
    queryKey: keys.customer(id),
    queryFn: ({ signal }) => api.get('/api/customers/:id', { params: { id }, signal }),
    enabled: Number.isInteger(id) && id > 0,
  });
}

function invalidateCustomer(qc: ReturnType<typeof useQueryClient>, c: { id: number; projectId: number }) {
  void qc.invalidateQueries({ queryKey: keys.customer(c.id) });
  void qc.invalidateQueries({ queryKey: ['customers', c.projectId] });
  void qc.invalidateQueries({ queryKey: ['unit'] });
  void qc.invalidateQueries({ queryKey: keys.summary(c.projectId) });
}

export function useCreateCustomer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CustomerCreate) => api.post('/api/customers', { body }),
    onSuccess: (c) => invalidateCustomer(qc, c),
  });
}

export function useUpdateCustomer(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CustomerUpdate) => api.patch('/api/customers/:id', { params: { id }, body }),
    onSuccess: (c) => invalidateCustomer(qc, c),
  });
}

export function useRevealCustomer(id: number) {
  return useMutation({
    mutationFn: (reason: string) => api.post('/api/customers/:id/reveal', { params: { id }, body: { reason } }),
  });
}

/** Links a customer to a unit, or records a move-out; both change the customer and the unit pages. */
export function useOccupancyMutations(customer: { id: number; projectId: number } | undefined) {
  const qc = useQueryClient();
  const done = () => {
    if (customer) invalidateCustomer(qc, customer);
    else {
      void qc.invalidateQueries({ queryKey: ['customer'] });
      void qc.invalidateQueries({ queryKey: ['unit'] });
    }
  };
  const create = useMutation({
    mutationFn: (body: OccupancyCreate) => api.post('/api/occupancies', { body }),
    onSuccess: done,
  });
  const update = useMutation({
    mutationFn: ({ id, ...body }: OccupancyUpdate & { id: number }) => api.patch('/api/occupancies/:id', { params: { id }, body }),
    onSuccess: done,
  });
  return { create, update };
}

// ---------- staff ----------

export function useStaffList(projectId: number | undefined, q: string, role: RoleCode | '') {
  return useInfiniteQuery({
    queryKey: keys.staff(projectId ?? 0, q, role),
    queryFn: ({ pageParam, signal }) =>
      api.get('/api/staff', { query: { projectId, q, role: role || undefined, limit: PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !!projectId,
    placeholderData: keepPreviousData,
  });
}

export function useStaffMutations() {
  const qc = useQueryClient();
  const done = () => void qc.invalidateQueries({ queryKey: ['staff'] });
  const create = useMutation({
    mutationFn: (body: StaffCreate) => api.post('/api/staff', { body }),
    onSuccess: done,
  });
  const update = useMutation({
    mutationFn: ({ id, ...body }: StaffUpdate & { id: number }) => api.patch('/api/staff/:id', { params: { id }, body }),
    onSuccess: done,
  });
  const resetPassword = useMutation({
    mutationFn: (id: number) => api.post('/api/staff/:id/reset-password', { params: { id } }),
  });
  return { create, update, resetPassword };
}

// ---------- audit ----------

/** The audit log; action 'reveal' lists who saw full personal numbers, when and why. */
export function useAudit(projectId: number | undefined, entity: string, action = '') {
  return useInfiniteQuery({
    queryKey: keys.audit(projectId ?? 0, entity, action),
    queryFn: ({ pageParam, signal }) =>
      api.get('/api/audit', { query: { projectId, entity, action, limit: PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !!projectId,
    placeholderData: keepPreviousData,
  });
}

// ---------- portal ----------

export function useHouseholds() {
  return useQuery({
    queryKey: keys.households,
    queryFn: ({ signal }) => api.get('/api/portal/households', { signal }).then((r) => r.items),
  });
}
