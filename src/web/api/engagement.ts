/** Hooks of visits, owners' forums and satisfaction surveys (shapes from src/shared/engagement.ts). */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ForumCreate,
  ForumDetail,
  SurveyCreate,
  SurveyDetail,
  SurveyResponseInput,
  VisitCreate,
  VisitDetail,
  VisitRecordInput,
} from '../../shared/engagement.ts';
import { api } from './client.ts';
import { invalidateTickets } from './desk.ts';

export type * from '../../shared/engagement.ts';

export const engageKeys = {
  visits: ['visits'] as const,
  visitList: (projectId: number, month: string) => ['visits', 'list', projectId, month] as const,
  visit: (id: number) => ['visits', 'one', id] as const,
  quotas: (projectId: number, month: string) => ['visits', 'quotas', projectId, month] as const,
  plan: (projectId: number) => ['visits', 'plan', projectId] as const,
  forums: ['forums'] as const,
  forumSchedule: (projectId: number) => ['forums', 'schedule', projectId] as const,
  forum: (id: number) => ['forums', 'one', id] as const,
  surveys: ['surveys'] as const,
  survey: (id: number) => ['surveys', 'one', id] as const,
  results: (id: number) => ['surveys', 'results', id] as const,
  satisfaction: (projectId: number, year: number) => ['surveys', 'year', projectId, year] as const,
  portalSurveys: ['portal-surveys'] as const,
  portalSurvey: (id: number) => ['portal-surveys', id] as const,
};

/** A list read 50 at a time; `page` fetches the page after a cursor. */
function usePaged<T>(
  key: readonly unknown[],
  page: (cursor: string | undefined, signal: AbortSignal) => Promise<{ items: T[]; nextCursor: string | null }>,
  enabled: boolean,
) {
  return useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam, signal }) => page(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

// ---------- visits ----------

export const useVisits = (projectId: number | undefined, month: string) =>
  usePaged(
    engageKeys.visitList(projectId ?? 0, month),
    (cursor, signal) => api.get('/api/visits', { query: { projectId, month, limit: 50, cursor }, signal }),
    !!projectId,
  );

/** The visit a follow-up ticket came from (none for other tickets). */
export const useVisitOfTicket = (ticketId: number, enabled: boolean) =>
  useQuery({
    queryKey: [...engageKeys.visits, 'of-ticket', ticketId],
    queryFn: ({ signal }) => api.get('/api/visits', { query: { ticketId, limit: 1 }, signal }).then((r) => r.items[0] ?? null),
    enabled,
  });

export const useVisit = (id: number | null) =>
  useQuery({
    queryKey: engageKeys.visit(id ?? 0),
    queryFn: ({ signal }) => api.get('/api/visits/:id', { params: { id: id ?? 0 }, signal }),
    enabled: !!id,
  });

export const useQuotas = (projectId: number | undefined, month: string) =>
  useQuery({
    queryKey: engageKeys.quotas(projectId ?? 0, month),
    queryFn: ({ signal }) => api.get('/api/visits/quotas', { query: { projectId, month }, signal }),
    enabled: !!projectId,
  });

export const useVisitPlan = (projectId: number | undefined) =>
  useQuery({
    queryKey: engageKeys.plan(projectId ?? 0),
    queryFn: ({ signal }) => api.get('/api/visits/plan', { query: { projectId, limit: 30 }, signal }).then((r) => r.items),
    enabled: !!projectId,
  });

export function useVisitMutations() {
  const qc = useQueryClient();
  const done = (v: VisitDetail) => {
    qc.setQueryData(engageKeys.visit(v.id), v);
    void qc.invalidateQueries({ queryKey: engageKeys.visits });
  };
  return {
    create: useMutation({ mutationFn: (body: VisitCreate) => api.post('/api/visits', { body }), onSuccess: done }),
    record: useMutation({
      mutationFn: ({ id, ...body }: VisitRecordInput & { id: number }) => api.post('/api/visits/:id/record', { params: { id }, body }),
      onSuccess: (v) => {
        done(v);
        invalidateTickets(qc);
      },
    }),
    cancel: useMutation({ mutationFn: (id: number) => api.post('/api/visits/:id/cancel', { params: { id } }), onSuccess: done }),
    photo: useMutation({
      mutationFn: ({ id, file }: { id: number; file: File }) =>
        api.upload('/api/visits/:id/photos', { params: { id }, file, name: file.name }),
      onSuccess: done,
    }),
  };
}

// ---------- forums ----------

export const useForums = (projectId: number | undefined) =>
  usePaged(
    [...engageKeys.forums, 'list', projectId ?? 0],
    (cursor, signal) => api.get('/api/forums', { query: { projectId, limit: 50, cursor }, signal }),
    !!projectId,
  );

export const useForumSchedule = (projectId: number | undefined) =>
  useQuery({
    queryKey: engageKeys.forumSchedule(projectId ?? 0),
    queryFn: ({ signal }) => api.get('/api/forums/schedule', { query: { projectId }, signal }),
    enabled: !!projectId,
  });

export const useForum = (id: number | null) =>
  useQuery({
    queryKey: engageKeys.forum(id ?? 0),
    queryFn: ({ signal }) => api.get('/api/forums/:id', { params: { id: id ?? 0 }, signal }),
    enabled: !!id,
  });

export function useForumMutations() {
  const qc = useQueryClient();
  const done = (f: ForumDetail) => {
    qc.setQueryData(engageKeys.forum(f.id), f);
    void qc.invalidateQueries({ queryKey: engageKeys.forums });
  };
  return {
    create: useMutation({ mutationFn: (body: ForumCreate) => api.post('/api/forums', { body }), onSuccess: done }),
    action: useMutation({
      mutationFn: ({ id, done: isDone }: { id: number; done: boolean }) =>
        api.patch('/api/forum-actions/:id', { params: { id }, body: { done: isDone } }),
      onSuccess: done,
    }),
  };
}

// ---------- surveys ----------

export const useSurveys = (projectId: number | undefined) =>
  usePaged(
    [...engageKeys.surveys, 'list', projectId ?? 0],
    (cursor, signal) => api.get('/api/surveys', { query: { projectId, limit: 50, cursor }, signal }),
    !!projectId,
  );

export const useSurvey = (id: number) =>
  useQuery({ queryKey: engageKeys.survey(id), queryFn: ({ signal }) => api.get('/api/surveys/:id', { params: { id }, signal }) });

export const useSurveyResults = (id: number) =>
  useQuery({
    queryKey: engageKeys.results(id),
    queryFn: ({ signal }) => api.get('/api/surveys/:id/results', { params: { id }, signal }),
  });

export const useYearSatisfaction = (projectId: number | undefined, year: number) =>
  useQuery({
    queryKey: engageKeys.satisfaction(projectId ?? 0, year),
    queryFn: ({ signal }) => api.get('/api/surveys/satisfaction', { query: { projectId, year }, signal }),
    enabled: !!projectId,
  });

export function useSurveyMutations() {
  const qc = useQueryClient();
  const done = (s: SurveyDetail) => {
    qc.setQueryData(engageKeys.survey(s.id), s);
    void qc.invalidateQueries({ queryKey: engageKeys.surveys });
  };
  return {
    create: useMutation({ mutationFn: (body: SurveyCreate) => api.post('/api/surveys', { body }), onSuccess: done }),
    transition: useMutation({
      mutationFn: ({ id, action }: { id: number; action: 'open' | 'close' }) =>
        api.post('/api/surveys/:id/transitions', { params: { id }, body: { action } }),
      onSuccess: done,
    }),
    paper: useMutation({
      mutationFn: ({ id, ...body }: SurveyResponseInput & { id: number }) =>
        api.post('/api/surveys/:id/responses', { params: { id }, body }),
      onSuccess: () => void qc.invalidateQueries({ queryKey: engageKeys.surveys }),
    }),
  };
}

// ---------- portal ----------

export const usePortalSurveys = () =>
  useQuery({
    queryKey: engageKeys.portalSurveys,
    queryFn: ({ signal }) => api.get('/api/portal/surveys', { signal }).then((r) => r.items),
  });

export const usePortalSurvey = (id: number) =>
  useQuery({
    queryKey: engageKeys.portalSurvey(id),
    queryFn: ({ signal }) => api.get('/api/portal/surveys/:id', { params: { id }, signal }),
    retry: false,
  });

export function usePortalAnswer(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SurveyResponseInput) => api.post('/api/portal/surveys/:id/responses', { params: { id }, body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: engageKeys.portalSurveys }),
  });
}
