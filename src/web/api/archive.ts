/** Hooks of the customer archive: sections and timeline, completeness, Excel import and export. */
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type * as a from '../../shared/archive.ts';
import type {
  ArchiveEntry,
  ArchiveFile,
  ArchiveSection,
  CompletenessCheck,
  CompletenessItem,
  CompletenessSummary,
  CustomerArchive,
  ImportResult,
} from '../../shared/archive.ts';
import type { Page } from '../../shared/schemas.ts';
import { api, buildPath, request } from './client.ts';
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
    queryFn: ({ signal }) => api.get<CustomerArchive>(`/api/customers/${customerId}/archive`, undefined, signal),
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
    mutationFn: (body: EntryCreate) => api.post<ArchiveEntry>(`/api/customers/${customerId}/archive/entries`, body),
    onSuccess: done,
  });
  const updateEntry = useMutation({
    mutationFn: ({ id, ...body }: EntryUpdate & { id: number }) => api.patch<ArchiveEntry>(`/api/archive-entries/${id}`, body),
    onSuccess: done,
  });
  const upload = useMutation({
    mutationFn: ({ file, section, entryId }: { file: File; section: ArchiveSection; entryId?: number }) =>
      api.upload<ArchiveFile>(buildPath(`/api/customers/${customerId}/archive/files`, { section, entryId }), file, file.name),
    onSuccess: done,
  });
  return { createEntry, updateEntry, upload };
}

export function useCompleteness(projectId: number | undefined, areaId: number | undefined, missing: CompletenessCheck | '') {
  return useInfiniteQuery({
    queryKey: archiveKeys.completeness(projectId ?? 0, areaId, missing),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<CompletenessItem>>(
        '/api/archive/completeness',
        { projectId, areaId, missing, limit: PAGE_SIZE, cursor: pageParam },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !!projectId,
    placeholderData: keepPreviousData,
  });
}

export function useCompletenessSummary(projectId: number | undefined) {
  return useQuery({
    queryKey: archiveKeys.summary(projectId ?? 0),
    queryFn: ({ signal }) => api.get<CompletenessSummary>('/api/archive/completeness/summary', { projectId }, signal),
    enabled: !!projectId,
  });
}

/** Checks (dryRun) or imports a workbook; a file with problems fails with every problem in error.fields. */
export function useImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ projectId, file, dryRun }: { projectId: number; file: File; dryRun: boolean }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return request<ImportResult>('POST', buildPath('/api/archive/import', { projectId, dryRun }), { body: form });
    },
    onSuccess: (r) => {
      if (!r.dryRun) void qc.invalidateQueries();
    },
  });
}

export const templateUrl = '/api/archive/template';

export function exportUrl(projectId: number, reveal?: { reason: string }): string {
  return buildPath('/api/archive/export', { projectId, reveal: reveal ? 'true' : undefined, reason: reveal?.reason });
}
