/** Hooks of the customer archive: sections and timeline, completeness, Excel import and export. */
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type * as a from '../../shared/archive.ts';
import type { ArchiveSection, CompletenessCheck } from '../../shared/archive.ts';
import { api, apiUrl } from './client.ts';
import { PAGE_SIZE } from './hooks.ts';

export type EntryCreate = z.input<typeof a.archiveEntryCreate>;
export type EntryUpdate = z.input<typeof a.archiveEntryUpdate>;

export const archiveKeys = {
  archive: (customerId: number) => ['archive', customerId] as const,
  completeness: (projectId: number, areaId: number | undefined, missing: string) =>
    ['completeness', projectId, areaId ?? 0, missing] as const,
  summary: (projectId: number) => ['completeness-summary', projectId] as const,
};

export function useArchive(customerId: number) {
  return useQuery({
    queryKey: archiveKeys.archive(customerId),
    queryFn: ({ signal }) => api.get('/api/customers/:id/archive', { params: { id: customerId }, signal }),
    enabled: Number.isInteger(customerId) && customerId > 0,
  });
}

export function useArchiveMutations(customerId: number) {
  const qc = useQueryClient();
  const done = () => {
    void qc.invalidateQueries({ queryKey: archiveKeys.archive(customerId) });
    void qc.invalidateQueries({ queryKey: ['completeness'] });
    void qc.invalidateQueries({ queryKey: ['completeness-summary'] });
  };
  const createEntry = useMutation({
    mutationFn: (body: EntryCreate) => api.post('/api/customers/:id/archive/entries', { params: { id: customerId }, body }),
    onSuccess: done,
  });
  const updateEntry = useMutation({
    mutationFn: ({ id, ...body }: EntryUpdate & { id: number }) => api.patch('/api/archive-entries/:id', { params: { id }, body }),
    onSuccess: done,
  });
  const upload = useMutation({
    mutationFn: ({ file, section, entryId }: { file: File; section: ArchiveSection; entryId?: number }) =>
      api.upload('/api/customers/:id/archive/files', { params: { id: customerId }, query: { section, entryId }, file, name: file.name }),
    onSuccess: done,
  });
  return { createEntry, updateEntry, upload };
}

export function useCompleteness(projectId: number | undefined, areaId: number | undefined, missing: CompletenessCheck | '') {
  return useInfiniteQuery({
    queryKey: archiveKeys.completeness(projectId ?? 0, areaId, missing),
    queryFn: ({ pageParam, signal }) =>
      api.get('/api/archive/completeness', {
        query: { projectId, areaId, missing: missing || undefined, limit: PAGE_SIZE, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !!projectId,
    placeholderData: keepPreviousData,
  });
}

export function useCompletenessSummary(projectId: number | undefined) {
  return useQuery({
    queryKey: archiveKeys.summary(projectId ?? 0),
    queryFn: ({ signal }) => api.get('/api/archive/completeness/summary', { query: { projectId }, signal }),
    enabled: !!projectId,
  });
}

/** Checks (dryRun) or imports a workbook; a file with problems fails with every problem in error.fields. */
export function useImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ projectId, file, dryRun }: { projectId: number; file: File; dryRun: boolean }) =>
      api.upload('/api/archive/import', { query: { projectId, dryRun: dryRun ? 'true' : 'false' }, file, name: file.name }),
    onSuccess: (r) => {
      if (!r.dryRun) void qc.invalidateQueries();
    },
  });
}

export const templateUrl = apiUrl('/api/archive/template', {});

export function exportUrl(projectId: number, reveal?: { reason: string }): string {
  return apiUrl('/api/archive/export', { query: { projectId, reveal: reveal ? 'true' : undefined, reason: reveal?.reason } });
}
