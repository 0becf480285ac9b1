/**
 * Hooks of the service desk (tickets, notifications, policies, calendar, registers, statistics,
 * portal tickets) over the typed client: each call names its operation by path and gets its types
 * from the route table; the shapes below come from src/shared with type-only imports.
 */
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CalendarDay, CalendarDayUpsert } from '../../shared/calendar.ts';
import type { PolicyHistoryItem, PolicyLayout, PolicyOverride, PolicyState } from '../../shared/policies.ts';
import type * as tk from '../../shared/tickets.ts';
import type { CategoryItem, FeeItem, ReturnVisitTask, Suggestion, TicketDetail } from '../../shared/tickets.ts';
import type { ComplaintStats, Dashboard, MonthlyComplaintReport } from '../../shared/reports.ts';
import type { RoleCode } from '../../shared/permissions.ts';
import { api, newIdempotencyKey, type Query } from './client.ts';

export type TicketCreateInput = z.input<typeof tk.ticketCreate>;
export type Transition = z.input<typeof tk.transitionBody>;
export type { CalendarDay, CategoryItem, Suggestion };

/** 五清楚一报告 (the shared list lives in tickets.ts, beside zod, which stays out of the browser bundle). */
export type ChecklistItem = (typeof tk.checklistItems)[number];
export const checklistItems = ['listen', 'ask', 'follow', 'reply', 'record', 'report'] as const satisfies readonly ChecklistItem[];
/** A ticket detail: the ticket, its timeline (events) and its photos (attachments). */
export type TicketView = TicketDetail;
export type Attachment = TicketDetail['attachments'][number];

/** GET /api/policies: the effective policy of a scope with its defaults and overrides. */
export type PolicyDescription = PolicyState;
export type { PolicyHistoryItem, PolicyLayout, PolicyOverride };

export type { Dashboard, MonthlyComplaintReport, ReturnVisitTask, ComplaintStats };

/** The `major_alert` server-sent event (and a dashboard's open alerts). */
export interface MajorAlert {
  incidentId: number;
  kind: string;
  title: string;
  reason: string;
  ticketId: number;
  number: string;
  committedReplyAt: string | null;
  projectId: number | null;
  /** When this browser received it (live alerts only). */
  receivedAt?: string;
}

export type PortalTicketCreate = z.input<typeof tk.portalTicketCreate>;

export const deskKeys = {
  categories: ['ticket-categories'] as const,
  tickets: (filters: Query) => ['tickets', filters] as const,
  ticket: (id: number) => ['ticket', id] as const,
  suggest: (projectId: number, text: string) => ['ticket-suggest', projectId, text] as const,
  assignees: (projectId: number, role: string) => ['assignees', projectId, role] as const,
  notifications: ['notifications'] as const,
  policies: (projectId: number | null) => ['policies', projectId] as const,
  policyLayout: ['policy-layout'] as const,
  policyHistory: (projectId: number | null) => ['policy-history', projectId] as const,
  calendar: (year: number) => ['calendar', year] as const,
  returnVisits: (projectId: number, status: string) => ['return-visits', projectId, status] as const,
  dashboard: (projectId: number | null) => ['dashboard', projectId] as const,
  monthly: (projectId: number | null, month: string) => ['monthly-complaints', projectId, month] as const,
  adopted: (projectId: number) => ['adopted-suggestions', projectId] as const,
  feeSchedule: (projectId: number) => ['fee-schedule', projectId] as const,
  portalTickets: ['portal-tickets'] as const,
  portalTicket: (id: number) => ['portal-ticket', id] as const,
};

const PAGE = 30;

/** Everything a ticket change can alter on screen. */
export function invalidateTickets(qc: QueryClient, id?: number) {
  void qc.invalidateQueries({ queryKey: ['tickets'] });
  void qc.invalidateQueries({ queryKey: ['register'] });
  void qc.invalidateQueries({ queryKey: ['return-visits'] });
  void qc.invalidateQueries({ queryKey: ['dashboard'] });
  if (id !== undefined) void qc.invalidateQueries({ queryKey: deskKeys.ticket(id) });
}

// ---------- intake ----------

export function useCategories() {
  return useQuery({
    queryKey: deskKeys.categories,
    queryFn: ({ signal }) => api.get('/api/ticket-categories', { signal }).then((r) => r.items),
    staleTime: 10 * 60_000,
  });
}

export function usePublicPlaces(projectId: number | undefined) {
  return useQuery({
    queryKey: ['public-places', projectId ?? 0],
    queryFn: ({ signal }) => api.get('/api/public-places', { query: { projectId }, signal }).then((r) => r.items),
    enabled: !!projectId,
    staleTime: 5 * 60_000,
  });
}

export function useSuggestion(projectId: number | undefined, text: string) {
  return useQuery({
    queryKey: deskKeys.suggest(projectId ?? 0, text),
    queryFn: ({ signal }) =>
      // POST, but without side effects: the desk asks again as the description grows.
      fetchSuggestion(projectId, text, signal),
    enabled: !!projectId && text.trim().length >= 2,
    staleTime: Infinity,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

function fetchSuggestion(projectId: number | undefined, text: string, signal: AbortSignal): Promise<Suggestion> {
  return api.post('/api/tickets/suggest', { body: { projectId, text }, signal });
}

/**
 * Records a ticket. The Idempotency-Key belongs to one submission of the form: the caller keeps it
 * until the submission succeeds, so a double click or a retry after a timeout returns the same ticket.
 */
export function useCreateTicket() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: TicketCreateInput; key: string }) =>
      api.post('/api/tickets', { body, headers: { 'Idempotency-Key': key } }),
    onSuccess: (t) => {
      qc.setQueryData(deskKeys.ticket(t.id), t);
      invalidateTickets(qc);
    },
  });
}

export { newIdempotencyKey };

// ---------- lists and detail ----------

/** The ticket list's filters: those of GET /api/tickets, with the two yes/no filters as booleans. */
export type TicketFilters = Partial<
  Pick<z.output<typeof tk.ticketsQuery>, 'projectId' | 'type' | 'status' | 'channel' | 'assigneeId' | 'q' | 'from' | 'to'>
> & { overdue?: boolean; major?: boolean };

export function useTickets(filters: TicketFilters, enabled = true) {
  const query = {
    ...filters,
    overdue: filters.overdue ? ('true' as const) : undefined,
    major: filters.major ? ('true' as const) : undefined,
  };
  return useInfiniteQuery({
    queryKey: deskKeys.tickets(query),
    queryFn: ({ pageParam, signal }) => api.get('/api/tickets', { query: { ...query, limit: PAGE, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: enabled && !!filters.projectId,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

export function useTicket(id: number) {
  return useQuery({
    queryKey: deskKeys.ticket(id),
    queryFn: ({ signal }) => api.get('/api/tickets/:id', { params: { id }, signal }),
    enabled: Number.isInteger(id) && id > 0,
    staleTime: 5_000,
  });
}

export function useTransition(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Transition) => api.post('/api/tickets/:id/transitions', { params: { id }, body }),
    onSuccess: (t) => {
      qc.setQueryData(deskKeys.ticket(id), t);
      invalidateTickets(qc);
    },
  });
}

/** Staff of the project who can take a work order, by role (GET /api/tickets/assignees, for dispatchers). */
export function useAssignees(projectId: number | undefined, role: RoleCode | '', enabled: boolean) {
  return useQuery({
    queryKey: deskKeys.assignees(projectId ?? 0, role),
    queryFn: ({ signal }) =>
      api.get('/api/tickets/assignees', { query: { projectId, role: role || undefined }, signal }).then((r) => r.items),
    enabled: enabled && !!projectId,
    staleTime: 60_000,
  });
}

// ---------- complaints, suggestions, photos ----------

export function useTicketExtras(id: number) {
  const qc = useQueryClient();
  const done = (t: TicketView) => {
    qc.setQueryData(deskKeys.ticket(id), t);
    invalidateTickets(qc);
  };
  const complaint = useMutation({
    mutationFn: (body: z.input<typeof tk.complaintUpdate>) => api.post('/api/tickets/:id/complaint', { params: { id }, body }),
    onSuccess: done,
  });
  const validity = useMutation({
    mutationFn: (body: z.input<typeof tk.validityBody>) => api.post('/api/tickets/:id/validity', { params: { id }, body }),
    onSuccess: done,
  });
  const adopt = useMutation({
    mutationFn: (adopted: boolean) => api.post('/api/tickets/:id/adopt', { params: { id }, body: { adopted } }),
    onSuccess: done,
  });
  const attach = useMutation({
    mutationFn: (file: File) => api.upload('/api/tickets/:id/attachments', { params: { id }, file, name: file.name }),
    onSuccess: (t) => qc.setQueryData(deskKeys.ticket(id), t),
  });
  const reveal = useMutation({
    mutationFn: (reason: string) => api.post('/api/tickets/:id/reveal', { params: { id }, body: { reason } }),
  });
  return { complaint, validity, adopt, attach, reveal };
}

// ---------- fee schedule (有偿服务项目及收费标准) ----------

export type { FeeItem };
export type FeeItemCreate = z.input<typeof tk.feeItemCreate>;
export type FeeItemUpdate = z.input<typeof tk.feeItemUpdate>;
/** A priced line of a resolution (the resolve event's payload `services`). */
export interface ServiceLine {
  code: string;
  name: string;
  unit: string;
  price: number;
  quantity: number;
  amount: number;
}

/** The items in force for a project: its own, and the company's (projectId null) where it has none of that code. */
export function useFeeSchedule(projectId: number | undefined) {
  return useQuery({
    queryKey: deskKeys.feeSchedule(projectId ?? 0),
    queryFn: ({ signal }) => api.get('/api/fee-schedule', { query: { projectId }, signal }).then((r) => r.items),
    enabled: !!projectId,
    staleTime: 60_000,
  });
}

export function useFeeMutations() {
  const qc = useQueryClient();
  const done = () => void qc.invalidateQueries({ queryKey: ['fee-schedule'] });
  const create = useMutation({ mutationFn: (body: FeeItemCreate) => api.post('/api/fee-schedule', { body }), onSuccess: done });
  const update = useMutation({
    mutationFn: ({ id, ...body }: FeeItemUpdate & { id: number }) => api.patch('/api/fee-schedule/:id', { params: { id }, body }),
    onSuccess: done,
  });
  return { create, update };
}

// ---------- notifications ----------

export function useNotifications() {
  return useQuery({
    queryKey: deskKeys.notifications,
    queryFn: ({ signal }) => api.get('/api/notifications', { query: { limit: 20 }, signal }),
    staleTime: 60_000,
  });
}

export function useNotificationMutations() {
  const qc = useQueryClient();
  const done = () => void qc.invalidateQueries({ queryKey: deskKeys.notifications });
  const read = useMutation({ mutationFn: (id: number) => api.post('/api/notifications/:id/read', { params: { id } }), onSuccess: done });
  const readAll = useMutation({ mutationFn: () => api.post('/api/notifications/read-all'), onSuccess: done });
  return { read, readAll };
}

// ---------- policies and calendar ----------

export function usePolicies(projectId: number | null) {
  return useQuery({
    queryKey: deskKeys.policies(projectId),
    queryFn: ({ signal }) => api.get('/api/policies', { query: { projectId }, signal }),
  });
}

/** The sections and fields of the policy (labels, units, bounds): the same for everyone, fetched once. */
export function usePolicyLayout() {
  return useQuery({
    queryKey: deskKeys.policyLayout,
    queryFn: ({ signal }) => api.get('/api/policies/schema', { signal }),
    staleTime: Infinity,
  });
}

export function usePolicyHistory(projectId: number | null) {
  return useQuery({
    queryKey: deskKeys.policyHistory(projectId),
    queryFn: ({ signal }) => api.get('/api/policies/history', { query: { projectId }, signal }).then((r) => r.items),
  });
}

export function useSavePolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { projectId: number | null; override: PolicyOverride; note: string }) =>
      api.put('/api/policies', { body: { ...body, projectId: body.projectId ?? undefined } }),
    onSuccess: (d) => {
      qc.setQueryData(deskKeys.policies(d.projectId), d);
      void qc.invalidateQueries({ queryKey: ['policies'] });
      void qc.invalidateQueries({ queryKey: ['policy-history'] });
    },
  });
}

export function useCalendarDays(year: number) {
  return useQuery({
    queryKey: deskKeys.calendar(year),
    queryFn: ({ signal }) => api.get('/api/calendar/days', { query: { year }, signal }).then((r) => r.items),
  });
}

export function useCalendarMutations() {
  const qc = useQueryClient();
  const done = () => void qc.invalidateQueries({ queryKey: ['calendar'] });
  const upsert = useMutation({
    mutationFn: ({ date, ...body }: CalendarDayUpsert & { date: string }) =>
      api.put('/api/calendar/days/:date', { params: { date }, body }),
    onSuccess: done,
  });
  const remove = useMutation({
    mutationFn: (date: string) => api.delete('/api/calendar/days/:date', { params: { date } }),
    onSuccess: done,
  });
  return { upsert, remove };
}

// ---------- registers, return visits, statistics ----------

export function useReturnVisits(projectId: number | undefined, status: 'pending' | 'done') {
  return useInfiniteQuery({
    queryKey: deskKeys.returnVisits(projectId ?? 0, status),
    queryFn: ({ pageParam, signal }) =>
      api.get('/api/return-visits', { query: { projectId, status, limit: 50, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !!projectId,
    retry: false,
  });
}

export function useDashboard(projectId: number | undefined) {
  return useQuery({
    queryKey: deskKeys.dashboard(projectId ?? null),
    queryFn: ({ signal }) => api.get('/api/dashboard', { query: { projectId }, signal }),
    enabled: !!projectId,
    retry: false,
    refetchInterval: 60_000,
  });
}

export function useMonthlyComplaints(projectId: number | null, month: string) {
  return useQuery({
    queryKey: deskKeys.monthly(projectId, month),
    queryFn: ({ signal }) => api.get('/api/reports/complaints/monthly', { query: { projectId, month }, signal }),
    retry: false,
  });
}

// ---------- portal ----------

export function usePortalTickets() {
  return useQuery({
    queryKey: deskKeys.portalTickets,
    queryFn: ({ signal }) => api.get('/api/portal/tickets', { signal }).then((r) => r.items),
    // Residents come back to see progress: always ask again when a page opens.
    staleTime: 0,
  });
}

export function usePortalTicket(id: number) {
  return useQuery({
    queryKey: deskKeys.portalTicket(id),
    queryFn: ({ signal }) => api.get('/api/portal/tickets/:id', { params: { id }, signal }),
    enabled: Number.isInteger(id) && id > 0,
    staleTime: 0,
  });
}

/** 爱我小区: suggestions the director adopted, with the resident credited (portal and staff lists). */
export function useAdoptedSuggestions(projectId: number | undefined, portal: boolean) {
  return useQuery({
    queryKey: [...deskKeys.adopted(projectId ?? 0), portal],
    queryFn: ({ signal }) =>
      api
        .get(portal ? '/api/portal/suggestions/adopted' : '/api/suggestions/adopted', { query: { projectId }, signal })
        .then((r) => r.items),
    enabled: !!projectId,
    retry: false,
  });
}

export function usePortalMutations() {
  const qc = useQueryClient();
  const create = useMutation({
    mutationFn: ({ body, key }: { body: PortalTicketCreate; key: string }) =>
      api.post('/api/portal/tickets', { body, headers: { 'Idempotency-Key': key } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: deskKeys.portalTickets }),
  });
  const upload = useMutation({
    mutationFn: ({ id, file, name }: { id: number; file: Blob; name: string }) =>
      api.upload('/api/portal/tickets/:id/attachments', { params: { id }, file, name }),
  });
  const rate = useMutation({
    mutationFn: ({ id, ...body }: z.input<typeof tk.portalRating> & { id: number }) =>
      api.post('/api/portal/tickets/:id/rating', { params: { id }, body }),
    onSuccess: (_t, v) => {
      void qc.invalidateQueries({ queryKey: deskKeys.portalTicket(v.id) });
      void qc.invalidateQueries({ queryKey: deskKeys.portalTickets });
    },
  });
  return { create, upload, rate };
}
