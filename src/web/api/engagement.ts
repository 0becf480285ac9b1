/** Hooks of visits, owners' forums and satisfaction surveys (shapes from src/shared/engagement.ts). */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ForumCreate,
  ForumDetail,
  ForumSchedule,
  ForumView,
  PortalSurvey,
  PortalSurveyItem,
  QuotaReport,
  SurveyCreate,
  SurveyDetail,
  SurveyResponseInput,
  SurveyResults,
  SurveyView,
  VisitCreate,
  VisitDetail,
  VisitPlanItem,
  VisitRecordInput,
  VisitView,
  YearSatisfaction,
} from '../../shared/engagement.ts';
import type { Page } from '../../shared/schemas.ts';
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

function usePaged<T>(key: readonly unknown[], path: string, query: Record<string, string | number | undefined>, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam, signal }) => api.get<Page<T>>(path, { ...query, limit: 50, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

// ---------- visits ----------

export const useVisits = (projectId: number | undefined, month: string) =>
  usePaged<VisitView>(engageKeys.visitList(projectId ?? 0, month), '/api/visits', { projectId, month }, !!projectId);

/** The visit a follow-up ticket came from (none for other tickets). */
export const useVisitOfTicket = (ticketId: number, enabled: boolean) =>
  useQuery({
    queryKey: [...engageKeys.visits, 'of-ticket', ticketId],
    queryFn: ({ signal }) => api.get<Page<VisitView>>('/api/visits', { ticketId, limit: 1 }, signal).then((r) => r.items[0] ?? null),
    enabled,
  });

export const useVisit = (id: number | null) =>
  useQuery({
    queryKey: engageKeys.visit(id ?? 0),
    queryFn: ({ signal }) => api.get<VisitDetail>(`/api/visits/${id}`, undefined, signal),
    enabled: !!id,
  });

export const useQuotas = (projectId: number | undefined, month: string) =>
  useQuery({
    queryKey: engageKeys.quotas(projectId ?? 0, month),
    queryFn: ({ signal }) => api.get<QuotaReport>('/api/visits/quotas', { projectId, month }, signal),
    enabled: !!projectId,
  });

export const useVisitPlan = (projectId: number | undefined) =>
  useQuery({
    queryKey: engageKeys.plan(projectId ?? 0),
    queryFn: ({ signal }) => api.get<{ items: VisitPlanItem[] }>('/api/visits/plan', { projectId, limit: 30 }, signal).then((r) => r.items),
    enabled: !!projectId,
  });

export function useVisitMutations() {
  const qc = useQueryClient();
  const done = (v: VisitDetail) => {
    qc.setQueryData(engageKeys.visit(v.id), v);
    void qc.invalidateQueries({ queryKey: engageKeys.visits });
  };
  return {
    create: useMutation({ mutationFn: (body: VisitCreate) => api.post<VisitDetail>('/api/visits', body), onSuccess: done }),
    record: useMutation({
      mutationFn: ({ id, ...body }: VisitRecordInput & { id: number }) => api.post<VisitDetail>(`/api/visits/${id}/record`, body),
      onSuccess: (v) => {
        done(v);
        invalidateTickets(qc);
      },
    }),
    cancel: useMutation({ mutationFn: (id: number) => api.post<VisitDetail>(`/api/visits/${id}/cancel`), onSuccess: done }),
    photo: useMutation({
      mutationFn: ({ id, file }: { id: number; file: File }) => api.upload<VisitDetail>(`/api/visits/${id}/photos`, file, file.name),
      onSuccess: done,
    }),
  };
}

// ---------- forums ----------

export const useForums = (projectId: number | undefined) =>
  usePaged<ForumView>([...engageKeys.forums, 'list', projectId ?? 0], '/api/forums', { projectId }, !!projectId);

export const useForumSchedule = (projectId: number | undefined) =>
  useQuery({
    queryKey: engageKeys.forumSchedule(projectId ?? 0),
    queryFn: ({ signal }) => api.get<ForumSchedule>('/api/forums/schedule', { projectId }, signal),
    enabled: !!projectId,
  });

export const useForum = (id: number | null) =>
  useQuery({
    queryKey: engageKeys.forum(id ?? 0),
    queryFn: ({ signal }) => api.get<ForumDetail>(`/api/forums/${id}`, undefined, signal),
    enabled: !!id,
  });

export function useForumMutations() {
  const qc = useQueryClient();
  const done = (f: ForumDetail) => {
    qc.setQueryData(engageKeys.forum(f.id), f);
    void qc.invalidateQueries({ queryKey: engageKeys.forums });
  };
  return {
    create: useMutation({ mutationFn: (body: ForumCreate) => api.post<ForumDetail>('/api/forums', body), onSuccess: done }),
    action: useMutation({
      mutationFn: ({ id, done: isDone }: { id: number; done: boolean }) =>
        api.patch<ForumDetail>(`/api/forum-actions/${id}`, { done: isDone }),
      onSuccess: done,
    }),
  };
}

// ---------- surveys ----------

export const useSurveys = (projectId: number | undefined) =>
  usePaged<SurveyView>([...engageKeys.surveys, 'list', projectId ?? 0], '/api/surveys', { projectId }, !!projectId);

export const useSurvey = (id: number) =>
  useQuery({ queryKey: engageKeys.survey(id), queryFn: ({ signal }) => api.get<SurveyDetail>(`/api/surveys/${id}`, undefined, signal) });

export const useSurveyResults = (id: number) =>
  useQuery({
    queryKey: engageKeys.results(id),
    queryFn: ({ signal }) => api.get<SurveyResults>(`/api/surveys/${id}/results`, undefined, signal),
  });

export const useYearSatisfaction = (projectId: number | undefined, year: number) =>
  useQuery({
    queryKey: engageKeys.satisfaction(projectId ?? 0, year),
    queryFn: ({ signal }) => api.get<YearSatisfaction>('/api/surveys/satisfaction', { projectId, year }, signal),
    enabled: !!projectId,
  });

export function useSurveyMutations() {
  const qc = useQueryClient();
  const done = (s: SurveyDetail) => {
    qc.setQueryData(engageKeys.survey(s.id), s);
    void qc.invalidateQueries({ queryKey: engageKeys.surveys });
  };
  return {
    create: useMutation({ mutationFn: (body: SurveyCreate) => api.post<SurveyDetail>('/api/surveys', body), onSuccess: done }),
    transition: useMutation({
      mutationFn: ({ id, action }: { id: number; action: 'open' | 'close' }) =>
        api.post<SurveyDetail>(`/api/surveys/${id}/transitions`, { action }),
      onSuccess: done,
    }),
    paper: useMutation({
      mutationFn: ({ id, ...body }: SurveyResponseInput & { id: number }) => api.post(`/api/surveys/${id}/responses`, body),
      onSuccess: () => void qc.invalidateQueries({ queryKey: engageKeys.surveys }),
    }),
  };
}

// ---------- portal ----------

export const usePortalSurveys = () =>
  useQuery({
    queryKey: engageKeys.portalSurveys,
    queryFn: ({ signal }) => api.get<{ items: PortalSurveyItem[] }>('/api/portal/surveys', undefined, signal).then((r) => r.items),
  });

export const usePortalSurvey = (id: number) =>
  useQuery({
    queryKey: engageKeys.portalSurvey(id),
    queryFn: ({ signal }) => api.get<PortalSurvey>(`/api/portal/surveys/${id}`, undefined, signal),
    retry: false,
  });

export function usePortalAnswer(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SurveyResponseInput) => api.post(`/api/portal/surveys/${id}/responses`, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: engageKeys.portalSurveys }),
  });
}
