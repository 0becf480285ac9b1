import { FormOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Empty, Flex, Input, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ticketChannels, ticketTypes, type TicketChannel, type TicketType } from '../../../shared/enums.ts';
import type { Ticket } from '../../../shared/tickets.ts';
import { ticketStatuses, type TicketStatus } from '../../../shared/workflow.ts';
import { useTickets, type TicketFilters } from '../../api/desk.ts';
import { LoadError } from '../../components/errors.tsx';
import { formatDateTime } from '../../components/labels.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useStaff } from '../../components/ProjectContext.tsx';
import { DeadlineText, locationOf, MajorTag, PriorityTag, StatusTag, TypeTag, useNow } from '../../components/ticketLabels.tsx';
import { testId } from '../../components/testId.ts';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { useI18n } from '../../i18n/index.tsx';

function oneOf<T extends string>(values: readonly T[], v: string | null): T | undefined {
  return v && (values as readonly string[]).includes(v) ? (v as T) : undefined;
}

/** 工单: every ticket of the project, filtered from the URL (so a filtered list can be shared). */
export default function TicketsPage() {
  const { t } = useI18n();
  const { projectId, project, can, me } = useStaff();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const now = useNow();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);

  const filters: TicketFilters = {
    projectId,
    type: oneOf<TicketType>(ticketTypes, params.get('type')),
    status: oneOf<TicketStatus>(ticketStatuses, params.get('status')),
    channel: oneOf<TicketChannel>(ticketChannels, params.get('channel')),
    overdue: params.get('overdue') === 'true' || undefined,
    major: params.get('major') === 'true' || undefined,
    assigneeId: params.get('mine') === 'true' ? me.id : undefined,
    q: q || undefined,
  };
  const tickets = useTickets(filters);
  const rows = tickets.data?.pages.flatMap((p) => p.items) ?? [];

  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const detailPath = (tk: Ticket) => `/tickets/${tk.id}?projectId=${tk.projectId}`;

  const columns: TableColumnsType<Ticket> = [
    {
      title: t('tickets.number'),
      dataIndex: 'number',
      width: 160,
      render: (n: string, tk) => (
        <Flex vertical gap={2}>
          <Link to={detailPath(tk)} data-testid="ticket-link" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
            {n}
          </Link>
          <Flex gap={4} wrap>
            <TypeTag type={tk.type} />
            {tk.major && <MajorTag />}
          </Flex>
        </Flex>
      ),
    },
    { title: t('tickets.status'), dataIndex: 'status', width: 96, render: (s: TicketStatus) => <StatusTag status={s} /> },
    {
      title: t('tickets.description'),
      dataIndex: 'description',
      render: (d: string, tk) => (
        <div style={{ minWidth: 200 }}>
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: d }} style={{ marginBottom: 2 }}>
            {tk.priority !== 'normal' && (
              <span style={{ marginInlineEnd: 6 }}>
                <PriorityTag priority={tk.priority} />
              </span>
            )}
            {d}
          </Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {locationOf(tk)}
            {tk.contactName ? ` · ${tk.contactName}` : ''} · {t(`channel.${tk.channel}`)}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('tickets.receivedAt'),
      dataIndex: 'receivedAt',
      width: 140,
      render: (v: string) => <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span>,
    },
    { title: t('tickets.deadline'), key: 'deadline', width: 140, render: (_: unknown, tk) => <DeadlineText ticket={tk} now={now} /> },
    {
      title: t('tickets.assignee'),
      dataIndex: 'assigneeName',
      width: 100,
      render: (n: string | null) => n ?? <Typography.Text type="secondary">{t('tickets.unassigned')}</Typography.Text>,
    },
  ];

  const footer = (
    <Flex justify="center" align="center" gap={12} style={{ marginTop: 16 }}>
      <Typography.Text type="secondary">{t('common.shown', { count: rows.length })}</Typography.Text>
      {tickets.hasNextPage ? (
        <Button onClick={() => void tickets.fetchNextPage()} loading={tickets.isFetchingNextPage} data-testid="load-more">
          {t('common.loadMore')}
        </Button>
      ) : rows.length > 0 ? (
        <Typography.Text type="secondary">· {t('common.allLoaded')}</Typography.Text>
      ) : null}
    </Flex>
  );

  const filterBar = (
    <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }} data-testid="ticket-filters">
      <Input.Search
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={(v) => setParam('q', v.trim() || undefined)}
        allowClear
        placeholder={t('tickets.search')}
        style={{ width: isMobile ? '100%' : 280 }}
        data-testid="ticket-search"
      />
      <Select
        value={filters.type ?? ''}
        onChange={(v) => setParam('type', v || undefined)}
        style={{ width: isMobile ? 'calc(50% - 4px)' : 120 }}
        options={[{ value: '', label: t('tickets.allTypes') }, ...ticketTypes.map((x) => ({ value: x, label: t(`ticketType.${x}`) }))]}
        data-testid="filter-type"
      />
      <Select
        value={filters.status ?? ''}
        onChange={(v) => setParam('status', v || undefined)}
        style={{ width: isMobile ? 'calc(50% - 4px)' : 120 }}
        options={[{ value: '', label: t('tickets.allStatuses') }, ...ticketStatuses.map((x) => ({ value: x, label: t(`status.${x}`) }))]}
        data-testid="filter-status"
      />
      <Select
        value={filters.channel ?? ''}
        onChange={(v) => setParam('channel', v || undefined)}
        style={{ width: isMobile ? 'calc(50% - 4px)' : 120 }}
        options={[{ value: '', label: t('tickets.allChannels') }, ...ticketChannels.map((x) => ({ value: x, label: t(`channel.${x}`) }))]}
        data-testid="filter-channel"
      />
      <Checkbox
        checked={!!filters.overdue}
        onChange={(e) => setParam('overdue', e.target.checked ? 'true' : undefined)}
        data-testid="filter-overdue"
      >
        {t('tickets.overdueOnly')}
      </Checkbox>
      <Checkbox
        checked={!!filters.major}
        onChange={(e) => setParam('major', e.target.checked ? 'true' : undefined)}
        data-testid="filter-major"
      >
        {t('tickets.majorOnly')}
      </Checkbox>
      <Checkbox
        checked={params.get('mine') === 'true'}
        onChange={(e) => setParam('mine', e.target.checked ? 'true' : undefined)}
        data-testid="filter-mine"
      >
        {t('tickets.mine')}
      </Checkbox>
    </Flex>
  );

  return (
    <>
      <PageHeader
        title={t('tickets.title')}
        subtitle={project?.name}
        extra={
          can('ticket.create') && (
            <Button
              type="primary"
              icon={<FormOutlined />}
              onClick={() => navigate(`/tickets/new?projectId=${projectId}`)}
              data-testid="ticket-new"
            >
              {t('tickets.new')}
            </Button>
          )
        }
      />
      <Card styles={{ body: { padding: isMobile ? 8 : 16 } }}>
        {filterBar}
        {tickets.isError ? (
          <LoadError error={tickets.error} onRetry={() => void tickets.refetch()} />
        ) : isMobile ? (
          <>
            {tickets.isPending ? (
              <Table loading columns={[]} dataSource={[]} />
            ) : rows.length === 0 ? (
              <Empty description={t('tickets.empty')} />
            ) : (
              <Flex vertical gap={8}>
                {rows.map((tk) => (
                  <Card
                    key={tk.id}
                    size="small"
                    hoverable
                    onClick={() => navigate(detailPath(tk))}
                    data-testid="ticket-card"
                    style={tk.overdue ? { borderColor: '#ffa39e' } : undefined}
                  >
                    <Flex justify="space-between" align="center" gap={8}>
                      <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums' }}>
                        {tk.number}
                      </Typography.Text>
                      <StatusTag status={tk.status} />
                    </Flex>
                    <Flex gap={4} wrap style={{ margin: '6px 0' }}>
                      <TypeTag type={tk.type} />
                      <PriorityTag priority={tk.priority} hideNormal />
                      {tk.major && <MajorTag />}
                    </Flex>
                    <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 4 }}>
                      {tk.description}
                    </Typography.Paragraph>
                    <Flex justify="space-between" wrap gap={4} style={{ fontSize: 12 }}>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {locationOf(tk)} · {formatDateTime(tk.receivedAt)}
                      </Typography.Text>
                      <DeadlineText ticket={tk} now={now} />
                    </Flex>
                  </Card>
                ))}
              </Flex>
            )}
            {footer}
          </>
        ) : (
          <>
            <Table<Ticket>
              rowKey="id"
              columns={columns}
              dataSource={rows}
              loading={tickets.isPending || (tickets.isFetching && !tickets.isFetchingNextPage && rows.length === 0)}
              pagination={false}
              size="middle"
              scroll={{ x: 900 }}
              rowClassName={(tk) => (tk.overdue ? 'gj-row-overdue' : '')}
              locale={{ emptyText: <Empty description={t('tickets.empty')} /> }}
              onRow={(tk) => ({
                ...testId<React.HTMLAttributes<HTMLElement>>('ticket-row', { 'data-ticket-id': tk.id, 'data-overdue': String(tk.overdue) }),
                onClick: (e) => {
                  if ((e.target as HTMLElement).closest('a')) return;
                  navigate(detailPath(tk));
                },
                style: { cursor: 'pointer' },
              })}
            />
            {footer}
          </>
        )}
      </Card>
    </>
  );
}
