/** Hooks of 24-hour duty (roster, coverage, log, handover, review, facts) over the typed client. */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type * as d from '../../shared/duty.ts';
import type { Assignment, Coverage, DutyStaff, Handover, LogEntry, PersonFacts } from '../../shared/duty.ts';
import { api } from './client.ts';
import { invalidateTickets } from './desk.ts';

export type { Assignment, Coverage, DutyStaff, Handover, LogEntry, PersonFacts };
export type DutyTemplates = z.infer<typeof d.dutyTemplates>;
export type HandoverProposal = z.infer<typeof d.handoverProposal>;
export type Review = z.infer<typeof d.review>;
export type LogEntryInput = z.input<typeof d.logEntryCreate>;
export type HandoverInput = z.input<typeof d.handoverCreate>;
export type ConvertInput = z.input<typeof d.convertBody>;

export const dutyKeys = {
  all: ['duty'] as const,
  templates: (projectId: number) => ['duty', 'templates', projectId] as const,
  staff: (projectId: number) => ['duty', 'staff', projectId] as const,
  roster: (projectId: number, from: string, to: string) => ['duty', 'roster', projectId, from, to] as const,
  coverage: (projectId: number, from: string, to: string) => ['duty', 'coverage', projectId, from, to] as const,
  log: (projectId: number, status: string) => ['duty', 'log', projectId, status] as const,
  handovers: (projectId: number) => ['duty', 'handovers', projectId] as const,
  proposal: (assignmentId: number) => ['duty', 'proposal', assignmentId] as const,
  review: (projectId: number, date: string) => ['duty', 'review', projectId, date] as const,
  facts: (projectId: number, month: string) => ['duty', 'facts', projectId, month] as const,
};

export function useDutyTemplates(projectId: number | undefined) {
  return useQuery({
    queryKey: dutyKeys.templates(projectId ?? 0),
    queryFn: ({ signal }) => api.get('/api/duty/templates', { query: { projectId }, signal }),
    enabled: !!projectId,
  });
}

export function useDutyStaff(projectId: number | undefined) {
  return useQuery({
    queryKey: dutyKeys.staff(projectId ?? 0),
    queryFn: ({ signal }) => api.get('/api/duty/staff', { query: { projectId }, signal }).then((r) => r.items),
    enabled: !!projectId,
    staleTime: 60_000,
  });
}

export function useRoster(projectId: number | undefined, from: string, to: string) {
  return useQuery({
    queryKey: dutyKeys.roster(projectId ?? 0, from, to),
    queryFn: ({ signal }) => api.get('/api/duty/roster', { query: { projectId, from, to }, signal }).then((r) => r.items),
    enabled: !!projectId,
  });
}

export function useCoverage(projectId: number | undefined, from: string, to: string) {
  return useQuery({
    queryKey: dutyKeys.coverage(projectId ?? 0, from, to),
    queryFn: ({ signal }) => api.get('/api/duty/coverage', { query: { projectId, from, to }, signal }),
    enabled: !!projectId,
  });
}

export function useDutyLog(projectId: number | undefined, status: 'open' | 'all') {
  return useInfiniteQuery({
    queryKey: dutyKeys.log(projectId ?? 0, status),
    queryFn: ({ pageParam, signal }) =>
      api.get('/api/duty/log', {
        query: { projectId, status: status === 'open' ? 'open' : undefined, limit: 50, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !!projectId,
  });
}

export function useHandovers(projectId: number | undefined) {
  return useQuery({
    queryKey: dutyKeys.handovers(projectId ?? 0),
    queryFn: ({ signal }) => api.get('/api/duty/handovers', { query: { projectId, limit: 30 }, signal }).then((r) => r.items),
    enabled: !!projectId,
  });
}

export function useProposal(assignmentId: number | undefined) {
  return useQuery({
    queryKey: dutyKeys.proposal(assignmentId ?? 0),
    queryFn: ({ signal }) => api.get('/api/duty/assignments/:id/handover-proposal', { params: { id: assignmentId ?? 0 }, signal }),
    enabled: !!assignmentId,
  });
}

export function useReview(projectId: number | undefined, date: string) {
  return useQuery({
    queryKey: dutyKeys.review(projectId ?? 0, date),
    queryFn: ({ signal }) => api.get('/api/duty/review', { query: { projectId, date }, signal }),
    enabled: !!projectId,
  });
}

export function useDutyFacts(projectId: number | undefined, month: string) {
  return useQuery({
    queryKey: dutyKeys.facts(projectId ?? 0, month),
    queryFn: ({ signal }) => api.get('/api/duty/facts', { query: { projectId, month }, signal }),
    enabled: !!projectId,
  });
}

/** A duty write; every duty view is refreshed after it (roster, coverage, log, handovers, review). */
export function useDutyMutation<TInput, TResult>(fn: (input: TInput) => Promise<TResult>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: dutyKeys.all });
      invalidateTickets(qc);
    },
  });
}

export const dutyApi = {
  createAssignment: (body: z.input<typeof d.assignmentCreate>) => api.post('/api/duty/assignments', { body }),
  moveAssignment: (id: number, body: z.input<typeof d.assignmentUpdate>) =>
    api.patch('/api/duty/assignments/:id', { params: { id }, body }),
  deleteAssignment: (id: number) => api.delete('/api/duty/assignments/:id', { params: { id } }),
  copyWeek: (body: z.input<typeof d.copyWeekBody>) => api.post('/api/duty/roster/copy-week', { body }),
  rotateNoon: (body: z.input<typeof d.rotateNoonBody>) => api.post('/api/duty/roster/rotate-noon', { body }),
  checkIn: (id: number) => api.post('/api/duty/assignments/:id/check-in', { params: { id } }),
  checkOut: (id: number) => api.post('/api/duty/assignments/:id/check-out', { params: { id } }),
  standIn: (id: number, body: z.input<typeof d.standInCreate>) => api.post('/api/duty/assignments/:id/stand-ins', { params: { id }, body }),
  endStandIn: (id: number) => api.post('/api/duty/stand-ins/:id/end', { params: { id } }),
  log: (body: LogEntryInput) => api.post('/api/duty/log', { body }),
  handle: (id: number, actionTaken: string) => api.post('/api/duty/log/:id/handle', { params: { id }, body: { actionTaken } }),
  convert: (id: number, body: ConvertInput) => api.post('/api/duty/log/:id/convert', { params: { id }, body }),
  handover: (body: HandoverInput) => api.post('/api/duty/handovers', { body }),
  sign: (id: number, body: z.input<typeof d.signBody>) => api.post('/api/duty/handovers/:id/sign', { params: { id }, body }),
  itemDone: (id: number) => api.post('/api/duty/handover-items/:id/done', { params: { id } }),
  review: (body: z.input<typeof d.reviewBody>) => api.post('/api/duty/review', { body }),
};
