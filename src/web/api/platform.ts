/**
 * Hooks of the platform's shared pages: the registers of every module, the obligations calendar and
 * the facts feed. Types come from the route table (src/shared/api).
 */
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, type Query } from './client.ts';

export const platformKeys = {
  registers: ['registers'] as const,
  register: (register: string, filters: Query) => ['register', register, filters] as const,
  obligations: (filters: Query) => ['obligations', filters] as const,
  facts: (filters: Query) => ['facts', filters] as const,
};

/** The registers this user may open (every module's). */
export function useRegisters() {
  return useQuery({
    queryKey: platformKeys.registers,
    queryFn: ({ signal }) => api.get('/api/registers', { signal }),
    staleTime: Infinity,
  });
}

/** A register's rows, newest first, 200 at a time. */
export function useRegister(register: string | undefined, filters: { projectId?: number; from?: string; to?: string } & Query) {
  return useInfiniteQuery({
    queryKey: platformKeys.register(register ?? '', filters),
    queryFn: ({ pageParam, signal }) =>
      api.get('/api/registers/:register', {
        params: { register: register! },
        query: { ...filters, limit: 200, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !!filters.projectId && !!register,
    retry: false,
  });
}

export function useObligations(filters: { projectId?: number; from?: string; to?: string; staffId?: number }) {
  return useQuery({
    queryKey: platformKeys.obligations(filters),
    queryFn: ({ signal }) => api.get('/api/obligations', { query: { ...filters, projectId: filters.projectId! }, signal }),
    enabled: !!filters.projectId,
    placeholderData: keepPreviousData,
  });
}

export function useFacts(filters: { projectId?: number; month: string; staffId?: number }) {
  return useQuery({
    queryKey: platformKeys.facts(filters),
    queryFn: ({ signal }) => api.get('/api/facts', { query: { ...filters, projectId: filters.projectId! }, signal }),
    enabled: !!filters.projectId,
    placeholderData: keepPreviousData,
  });
}

/** The fact codes with their labels (what the assessment counts). */
export function useFactCodes() {
  return useQuery({ queryKey: ['factCodes'], queryFn: ({ signal }) => api.get('/api/facts/codes', { signal }), staleTime: Infinity });
}
