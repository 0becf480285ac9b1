import { Button, Card, Col, Empty, Flex, Row, Segmented, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { fileUrl } from '../../../shared/files.ts';
import type { AuditEntry } from '../../../shared/schemas.ts';
import { useAudit } from '../../api/hooks.ts';
import { LoadError } from '../../components/errors.tsx';
import { formatDateTime } from '../../components/labels.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useStaff } from '../../components/ProjectContext.tsx';
import { testId } from '../../components/testId.ts';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { useI18n } from '../../i18n/index.tsx';

/** Entities with a label in the catalogues; the filter offers these. */
const ENTITIES = [
  'customer',
  'occupancy',
  'archive_entry',
  'archive_file',
  'file',
  'archive_import',
  'archive_export',
  'ticket',
  'unit',
  'building',
  'entrance',
  'staff',
  'project',
  'public_place',
  'responsibility_area',
  'session',
];

const actionColors: Record<string, string> = { create: 'green', update: 'blue', delete: 'red', reveal: 'orange', reset_password: 'purple' };

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  return <pre className="gj-json">{JSON.stringify(value, null, 2)}</pre>;
}

export default function AuditPage() {
  const { t, tMaybe } = useI18n();
  const { projectId, project } = useStaff();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const entity = params.get('entity') ?? '';
  // 查看记录: every reveal of full numbers (customer page, ticket, unmasked export) — who, what, when, why.
  const view = params.get('view') === 'reveals' ? 'reveals' : 'all';
  const audit = useAudit(projectId, entity, view === 'reveals' ? 'reveal' : '');
  const rows = audit.data?.pages.flatMap((p) => p.items) ?? [];

  const columns: TableColumnsType<AuditEntry> = [
    {
      title: t('audit.at'),
      dataIndex: 'at',
      width: 150,
      render: (at: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(at)}</span>,
    },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      width: 120,
      render: (name: string | null, a) => name ?? (a.actorKind === 'resident' ? t('audit.resident') : t('audit.system')),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 130,
      render: (action: string) => <Tag color={actionColors[action] ?? 'default'}>{tMaybe(`audit.action.${action}`, action)}</Tag>,
    },
    {
      title: t('audit.entity'),
      dataIndex: 'entity',
      width: 140,
      render: (e: string, a) => {
        const link =
          a.entityId && e === 'customer' ? `/customers/${a.entityId}` : a.entityId && e === 'ticket' ? `/tickets/${a.entityId}` : null;
        // A stored file opens from the server, not from a page of the app.
        const file = a.entityId && e === 'file' ? fileUrl(Number(a.entityId)) : null;
        return (
          <span>
            {tMaybe(`audit.entity.${e}`, e)}
            {a.entityId &&
              (link ? (
                <Link to={link} data-testid="audit-entity-link">
                  {' '}
                  #{a.entityId}
                </Link>
              ) : file ? (
                <a href={file} target="_blank" rel="noreferrer" data-testid="audit-entity-link">
                  {' '}
                  #{a.entityId}
                </a>
              ) : (
                <Typography.Text type="secondary"> #{a.entityId}</Typography.Text>
              ))}
          </span>
        );
      },
    },
    { title: t('audit.reason'), dataIndex: 'reason', render: (r: string | null) => r ?? '—' },
  ];

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        subtitle={project?.name}
        extra={
          <>
            <Segmented
              value={view}
              onChange={(v) => {
                const next = new URLSearchParams(params);
                if (v === 'reveals') next.set('view', 'reveals');
                else next.delete('view');
                setParams(next, { replace: true });
              }}
              options={[
                { value: 'all', label: t('audit.viewAll') },
                { value: 'reveals', label: t('audit.viewReveals') },
              ]}
              data-testid="audit-view"
            />
            <Select
              value={entity}
              onChange={(v: string) => {
                const next = new URLSearchParams(params);
                if (v) next.set('entity', v);
                else next.delete('entity');
                setParams(next, { replace: true });
              }}
              style={{ width: isMobile ? '100%' : 180 }}
              options={[
                { value: '', label: `${t('audit.entityFilter')}：${t('common.all')}` },
                ...ENTITIES.map((e) => ({ value: e, label: tMaybe(`audit.entity.${e}`, e) })),
              ]}
              data-testid="audit-entity-filter"
            />
          </>
        }
      />
      <Card styles={{ body: { padding: isMobile ? 8 : 16 } }}>
        {audit.isError ? (
          <LoadError error={audit.error} onRetry={() => void audit.refetch()} />
        ) : (
          <>
            <Table<AuditEntry>
              rowKey="id"
              columns={columns}
              dataSource={rows}
              loading={audit.isPending || (audit.isFetching && !audit.isFetchingNextPage)}
              pagination={false}
              size="middle"
              scroll={{ x: 760 }}
              locale={{ emptyText: <Empty description={t('audit.empty')} /> }}
              expandable={{
                rowExpandable: (a) => a.before != null || a.after != null,
                expandedRowRender: (a) => (
                  <Row gutter={16}>
                    <Col xs={24} md={12}>
                      <Typography.Text strong>{t('audit.before')}</Typography.Text>
                      <Json value={a.before} />
                    </Col>
                    <Col xs={24} md={12}>
                      <Typography.Text strong>{t('audit.after')}</Typography.Text>
                      <Json value={a.after} />
                    </Col>
                  </Row>
                ),
              }}
              onRow={() => testId<React.HTMLAttributes<HTMLElement>>('audit-row')}
            />
            <Flex justify="center" align="center" gap={12} style={{ marginTop: 16 }}>
              <Typography.Text type="secondary">{t('common.shown', { count: rows.length })}</Typography.Text>
              {audit.hasNextPage && (
                <Button onClick={() => void audit.fetchNextPage()} loading={audit.isFetchingNextPage} data-testid="load-more">
                  {t('common.loadMore')}
                </Button>
              )}
            </Flex>
          </>
        )}
      </Card>
    </>
  );
}
