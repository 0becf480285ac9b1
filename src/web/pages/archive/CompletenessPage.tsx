import { Button, Card, Col, Empty, Flex, Progress, Row, Select, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { completenessChecks, type CompletenessCheck, type CompletenessItem, type CompletenessSummary } from '../../../shared/archive.ts';
import { useCompleteness, useCompletenessSummary } from '../../api/archive.ts';
import { LoadError } from '../../components/errors.tsx';
import { RelationTag } from '../../components/labels.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useStaff } from '../../components/ProjectContext.tsx';
import { testId } from '../../components/testId.ts';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { useI18n } from '../../i18n/index.tsx';

type Area = CompletenessSummary['areas'][number];

/** 资料完整率: the project's and each butler's score, and the customers whose archive is incomplete. */
export default function CompletenessPage() {
  const { t } = useI18n();
  const { projectId, project } = useStaff();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const areaId = params.get('areaId') ? Number(params.get('areaId')) : undefined;
  const missing = (params.get('missing') ?? '') as CompletenessCheck | '';
  const summary = useCompletenessSummary(projectId);
  const list = useCompleteness(projectId, areaId, missing);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  const setParam = (key: string, value: string | number | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, String(value));
    setParams(next, { replace: true });
  };

  const missingLabel = (m: CompletenessCheck) => t(`archive.missing.${m}`);

  const areaColumns: TableColumnsType<Area> = [
    {
      title: t('completeness.area'),
      dataIndex: 'areaName',
      render: (n: string | null, a) => (
        <a onClick={() => setParam('areaId', a.areaId ?? undefined)} data-testid="area-link">
          {n ?? t('completeness.noArea')}
        </a>
      ),
    },
    { title: t('completeness.butler'), dataIndex: 'owner', render: (o: Area['owner']) => o?.name ?? '—' },
    { title: t('completeness.customers'), dataIndex: 'customers', align: 'right' },
    { title: t('completeness.completeCount'), dataIndex: 'complete', align: 'right' },
    {
      title: t('completeness.score'),
      dataIndex: 'score',
      width: 180,
      render: (s: number) => <Progress percent={s} size="small" format={(p) => `${p}`} />,
    },
  ];

  const columns: TableColumnsType<CompletenessItem> = [
    {
      title: t('customer.name'),
      dataIndex: 'name',
      render: (n: string, r) => (
        <Link to={`/customers/${r.customerId}`} data-testid="incomplete-customer">
          {n}
        </Link>
      ),
    },
    { title: t('customer.phone'), dataIndex: 'phone', render: (p: string | null) => p ?? '—' },
    {
      title: t('customer.units'),
      dataIndex: 'units',
      render: (units: CompletenessItem['units']) => (
        <Flex gap={4} wrap>
          {units.map((u) => (
            <span key={u.unitId}>
              {u.code} <RelationTag relation={u.relation} />
            </span>
          ))}
        </Flex>
      ),
    },
    { title: t('completeness.score'), dataIndex: 'score', width: 90, align: 'right' },
    {
      title: t('completeness.missing'),
      dataIndex: 'missing',
      render: (m: CompletenessCheck[], r) => (
        <Flex gap={4} wrap>
          {m.map((x) => (
            <Tag key={x} color="red">
              {x === 'contactWays'
                ? t('archive.missing.contactWaysCount', { count: r.contactWays, required: r.requiredContactWays })
                : missingLabel(x)}
            </Tag>
          ))}
        </Flex>
      ),
    },
  ];

  const s = summary.data;
  return (
    <>
      <PageHeader title={t('completeness.title')} subtitle={project?.name} />
      {summary.isError ? (
        <Card>
          <LoadError error={summary.error} onRetry={() => void summary.refetch()} />
        </Card>
      ) : (
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          <Col xs={24} md={8}>
            <Card loading={!s}>
              {s && (
                <Flex vertical gap={12}>
                  <Statistic title={t('completeness.projectScore')} value={s.project.score} suffix="%" data-testid="project-score" />
                  <Typography.Text type="secondary">
                    {t('completeness.completeOf', { complete: s.project.complete, total: s.project.customers })}
                  </Typography.Text>
                  <Flex vertical gap={4}>
                    {completenessChecks.map((c) =>
                      s.project.missing[c] ? (
                        <Flex key={c} justify="space-between">
                          <a onClick={() => setParam('missing', c)}>{missingLabel(c)}</a>
                          <Typography.Text>{s.project.missing[c]}</Typography.Text>
                        </Flex>
                      ) : null,
                    )}
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('completeness.rule', { ways: s.minContactWays })}
                  </Typography.Text>
                </Flex>
              )}
            </Card>
          </Col>
          <Col xs={24} md={16}>
            <Card title={t('completeness.byButler')} loading={!s} styles={{ body: { padding: isMobile ? 8 : 16 } }}>
              {s && (
                <Table<Area>
                  rowKey={(a) => a.areaId ?? 0}
                  columns={areaColumns}
                  dataSource={s.areas}
                  pagination={false}
                  size="small"
                  scroll={{ x: 'max-content' }}
                  onRow={() => testId<React.HTMLAttributes<HTMLElement>>('area-row')}
                />
              )}
            </Card>
          </Col>
        </Row>
      )}
      <Card
        title={t('completeness.worklist')}
        extra={
          <Flex gap={8} wrap>
            <Select
              value={areaId ?? 0}
              style={{ width: isMobile ? 140 : 200 }}
              onChange={(v: number) => setParam('areaId', v || undefined)}
              options={[
                { value: 0, label: `${t('completeness.area')}：${t('common.all')}` },
                ...(s?.areas
                  .filter((a) => a.areaId !== null)
                  .map((a) => ({ value: a.areaId!, label: `${a.areaName}${a.owner ? ` · ${a.owner.name}` : ''}` })) ?? []),
              ]}
              data-testid="completeness-area"
            />
            <Select
              value={missing}
              style={{ width: isMobile ? 140 : 200 }}
              onChange={(v: string) => setParam('missing', v)}
              options={[
                { value: '', label: `${t('completeness.missing')}：${t('common.all')}` },
                ...completenessChecks.map((c) => ({ value: c, label: missingLabel(c) })),
              ]}
              data-testid="completeness-missing"
            />
          </Flex>
        }
        styles={{ body: { padding: isMobile ? 8 : 16 } }}
      >
        {list.isError ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <Table<CompletenessItem>
              rowKey="customerId"
              columns={columns}
              dataSource={rows}
              loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
              pagination={false}
              size="middle"
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: <Empty description={t('completeness.empty')} /> }}
              onRow={() => testId<React.HTMLAttributes<HTMLElement>>('incomplete-row')}
            />
            <Flex justify="center" align="center" gap={12} style={{ marginTop: 16 }}>
              <Typography.Text type="secondary">{t('common.shown', { count: rows.length })}</Typography.Text>
              {list.hasNextPage && (
                <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="load-more">
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
