import { PhoneOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Flex, Segmented, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, api } from '../../api/client.ts';
import { deskKeys, invalidateTickets, useReturnVisits, type ReturnVisitTask, type Transition } from '../../api/desk.ts';
import { errorText, LoadError } from '../../components/errors.tsx';
import { formatDateTime } from '../../components/labels.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useStaff } from '../../components/ProjectContext.tsx';
import { TypeTag, useNow } from '../../components/ticketLabels.tsx';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { useI18n } from '../../i18n/index.tsx';
import { VisitDialog } from '../tickets/TicketActions.tsx';

/** 回访: resolved repairs and complaints waiting for the call back, and those done. */
export default function ReturnVisitsPage() {
  const { t } = useI18n();
  const { projectId, project } = useStaff();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const isMobile = useIsMobile();
  const now = useNow();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') === 'done' ? 'done' : 'pending';
  const list = useReturnVisits(projectId, status);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const [visiting, setVisiting] = useState<ReturnVisitTask | null>(null);
  const [saving, setSaving] = useState(false);
  const notReady = list.error instanceof ApiError && list.error.status === 404;

  /** The visit is a transition of the ticket: read its current version first, then record. */
  const record = async (task: ReturnVisitTask, body: Extract<Transition, { action: 'return_visit' }>) => {
    setSaving(true);
    try {
      const params = { id: task.ticketId };
      const current = await api.get('/api/tickets/:id', { params });
      const updated = await api.post('/api/tickets/:id/transitions', { params, body: { ...body, expectedVersion: current.version } });
      qc.setQueryData(deskKeys.ticket(task.ticketId), updated);
      invalidateTickets(qc);
      void message.success(t('visits.saved'));
      setVisiting(null);
    } catch (err) {
      void message.error(err instanceof ApiError && err.status === 409 ? t('ticket.stale') : errorText(t, err));
      invalidateTickets(qc);
      setVisiting(null);
    } finally {
      setSaving(false);
    }
  };

  const due = (task: ReturnVisitTask) => {
    const late = Date.parse(task.dueAt) < now && task.status === 'pending';
    return <span style={{ color: late ? '#cf1322' : undefined, fontWeight: late ? 600 : undefined }}>{formatDateTime(task.dueAt)}</span>;
  };

  const columns: TableColumnsType<ReturnVisitTask> = [
    {
      title: t('tickets.number'),
      dataIndex: 'number',
      width: 170,
      render: (n: string, v) => (
        <Flex vertical gap={2} align="flex-start">
          <Link to={`/tickets/${v.ticketId}?projectId=${v.projectId}`}>{n}</Link>
          <TypeTag type={v.type} />
        </Flex>
      ),
    },
    {
      title: t('tickets.description'),
      dataIndex: 'description',
      render: (d: string) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: d }} style={{ margin: 0 }}>
          {d}
        </Typography.Paragraph>
      ),
    },
    { title: t('tickets.location'), dataIndex: 'unitCode', width: 100, render: (v: string | null) => v ?? '—' },
    {
      title: t('ticket.caller'),
      key: 'who',
      width: 170,
      render: (_: unknown, v) => (
        <span>
          {v.customerName ?? '—'}{' '}
          <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {v.contactPhone ?? ''}
          </Typography.Text>
        </span>
      ),
    },
    { title: t('visits.resolvedAt'), dataIndex: 'resolvedAt', width: 140, render: (v: string | null) => formatDateTime(v) },
    { title: t('visits.dueAt'), key: 'due', width: 140, render: (_: unknown, v) => due(v) },
    status === 'pending'
      ? {
          title: t('common.actions'),
          key: 'act',
          width: 100,
          render: (_: unknown, v) => (
            <Button type="primary" size="small" icon={<PhoneOutlined />} onClick={() => setVisiting(v)} data-testid="visit-record">
              {t('visits.record')}
            </Button>
          ),
        }
      : {
          title: t('visits.result'),
          key: 'result',
          width: 160,
          render: (_: unknown, v) =>
            v.satisfaction ? (
              <Flex vertical>
                <Tag color={v.satisfaction === 'dissatisfied' ? 'red' : 'green'}>{t(`satisfaction.${v.satisfaction}`)}</Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {v.method ? t(`visitMethod.${v.method}`) : ''} {formatDateTime(v.doneAt)}
                </Typography.Text>
              </Flex>
            ) : (
              '—'
            ),
        },
  ];

  return (
    <>
      <PageHeader
        title={t('visits.title')}
        subtitle={project?.name}
        extra={
          <Segmented
            value={status}
            onChange={(v) => setParams({ status: String(v), ...(projectId ? { projectId: String(projectId) } : {}) }, { replace: true })}
            options={[
              { value: 'pending', label: t('visits.pending') },
              { value: 'done', label: t('visits.done') },
            ]}
          />
        }
      />
      <Card styles={{ body: { padding: isMobile ? 8 : 16 } }}>
        {notReady ? (
          <Alert type="info" showIcon title={t('common.notReady')} />
        ) : list.isError ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : isMobile ? (
          rows.length === 0 && !list.isPending ? (
            <Empty description={t('visits.empty')} />
          ) : (
            <Flex vertical gap={8}>
              {rows.map((v) => (
                <Card key={v.id} size="small" data-testid="visit-card">
                  <Flex justify="space-between" align="center">
                    <Link to={`/tickets/${v.ticketId}?projectId=${v.projectId}`}>{v.number}</Link>
                    <TypeTag type={v.type} />
                  </Flex>
                  <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '6px 0' }}>
                    {v.description}
                  </Typography.Paragraph>
                  <Flex justify="space-between" align="center" wrap gap={6}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {v.unitCode ?? '—'} · {v.customerName ?? '—'} {v.contactPhone ?? ''}
                    </Typography.Text>
                    {status === 'pending' ? (
                      <Button type="primary" size="small" icon={<PhoneOutlined />} onClick={() => setVisiting(v)}>
                        {t('visits.record')}
                      </Button>
                    ) : (
                      v.satisfaction && (
                        <Tag color={v.satisfaction === 'dissatisfied' ? 'red' : 'green'}>{t(`satisfaction.${v.satisfaction}`)}</Tag>
                      )
                    )}
                  </Flex>
                </Card>
              ))}
            </Flex>
          )
        ) : (
          <Table<ReturnVisitTask>
            rowKey="id"
            columns={columns}
            dataSource={rows}
            loading={list.isPending}
            pagination={false}
            scroll={{ x: 900 }}
            locale={{ emptyText: <Empty description={t('visits.empty')} /> }}
            onRow={(v) => ({ 'data-testid': 'visit-row', 'data-ticket-id': v.ticketId }) as React.HTMLAttributes<HTMLElement>}
          />
        )}
        {list.hasNextPage && (
          <Flex justify="center" style={{ marginTop: 12 }}>
            <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
              {t('common.loadMore')}
            </Button>
          </Flex>
        )}
      </Card>
      {visiting && (
        <VisitDialog
          title={`${t('visit.title')} · ${visiting.number}`}
          pending={saving}
          onCancel={() => setVisiting(null)}
          onSubmit={(body) => void record(visiting, body)}
        />
      )}
    </>
  );
}
