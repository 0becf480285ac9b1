import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Empty, Flex, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import type { Ticket } from '../../../shared/tickets.ts';
import { ApiError, apiUrl } from '../../api/client.ts';
import { registers, useRegister, type Register } from '../../api/desk.ts';
import { LoadError } from '../../components/errors.tsx';
import { formatDateTime } from '../../components/labels.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PrintArea, printDocument } from '../../components/PrintArea.tsx';
import { useStaff } from '../../components/ProjectContext.tsx';
import { locationOf, StatusTag, TypeTag } from '../../components/ticketLabels.tsx';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { useI18n, type Translate } from '../../i18n/index.tsx';

const DAY = 'YYYY-MM-DD';

function resultText(t: Translate, tk: Ticket): string {
  if (tk.status === 'cancelled') return `${t('status.cancelled')}${tk.cancelReason ? `：${tk.cancelReason}` : ''}`;
  return tk.resolution ?? '';
}

/** 登记表: 报修记录 / 投诉记录 / 日常事务登记表, filtered by date, printable (A4 landscape) and exportable. */
export default function RegistersPage() {
  const { t } = useI18n();
  const { projectId, project, me } = useStaff();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const register: Register = (registers as readonly string[]).includes(params.get('register') ?? '')
    ? (params.get('register') as Register)
    : 'repair';
  const from = params.get('from') ?? dayjs().startOf('month').format(DAY);
  const to = params.get('to') ?? dayjs().format(DAY);
  const list = useRegister(register, { projectId, from, to });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const notReady = list.error instanceof ApiError && list.error.status === 404;

  const set = (next: Record<string, string>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) p.set(k, v);
    setParams(p, { replace: true });
  };

  const title = t(`registers.${register}`);
  const columns: TableColumnsType<Ticket> = [
    { title: t('registers.seq'), key: 'seq', width: 56, render: (_: unknown, __: Ticket, i: number) => i + 1 },
    {
      title: t('tickets.number'),
      dataIndex: 'number',
      width: 150,
      render: (n: string, tk) => (
        <Link to={`/tickets/${tk.id}?projectId=${tk.projectId}`} style={{ whiteSpace: 'nowrap' }}>
          {n}
        </Link>
      ),
    },
    { title: t('tickets.receivedAt'), dataIndex: 'receivedAt', width: 130, render: (v: string) => formatDateTime(v) },
    ...(register === 'daily'
      ? [{ title: t('tickets.type'), dataIndex: 'type', width: 70, render: (x: Ticket['type']) => <TypeTag type={x} /> }]
      : []),
    { title: t('tickets.location'), key: 'loc', width: 100, render: (_: unknown, tk: Ticket) => locationOf(tk) },
    { title: t('ticket.caller'), key: 'who', width: 90, render: (_: unknown, tk: Ticket) => tk.customerName ?? tk.contactName ?? '—' },
    {
      title: t('tickets.description'),
      dataIndex: 'description',
      render: (d: string) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: d }} style={{ margin: 0 }}>
          {d}
        </Typography.Paragraph>
      ),
    },
    { title: t('tickets.assignee'), dataIndex: 'assigneeName', width: 80, render: (v: string | null) => v ?? '—' },
    { title: t('registers.result'), key: 'result', render: (_: unknown, tk: Ticket) => resultText(t, tk) || '—' },
    {
      title: t('registers.visit'),
      dataIndex: 'satisfaction',
      width: 90,
      render: (s: Ticket['satisfaction']) => (s ? <Tag color={s === 'dissatisfied' ? 'red' : 'green'}>{t(`satisfaction.${s}`)}</Tag> : '—'),
    },
    { title: t('tickets.status'), dataIndex: 'status', width: 90, render: (s: Ticket['status']) => <StatusTag status={s} /> },
  ];

  const toolbar = (
    <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
      <DatePicker.RangePicker
        value={[dayjs(from), dayjs(to)]}
        allowClear={false}
        onChange={(v) => {
          const [a, b] = (v ?? []) as [Dayjs | null, Dayjs | null];
          if (a && b) set({ from: a.format(DAY), to: b.format(DAY) });
        }}
        style={{ width: isMobile ? '100%' : 280 }}
        data-testid="register-range"
      />
      <Button
        icon={<PrinterOutlined />}
        disabled={rows.length === 0}
        onClick={() => printDocument('register')}
        data-testid="register-print"
      >
        {t('common.print')}
      </Button>
      <Button
        icon={<DownloadOutlined />}
        href={
          projectId
            ? apiUrl('/api/registers/:register', { params: { register }, query: { projectId, from, to, format: 'xlsx' } })
            : undefined
        }
        disabled={!projectId || notReady}
        data-testid="register-xlsx"
      >
        {t('registers.xlsx')}
      </Button>
      <Typography.Text type="secondary">{t('registers.count', { count: rows.length })}</Typography.Text>
    </Flex>
  );

  return (
    <>
      <PageHeader title={t('registers.title')} subtitle={project?.name} />
      <Card styles={{ body: { padding: isMobile ? 8 : 16 } }}>
        <Tabs
          activeKey={register}
          onChange={(k) => set({ register: k })}
          items={registers.map((r) => ({ key: r, label: <span data-testid={`register-tab-${r}`}>{t(`registers.${r}`)}</span> }))}
        />
        {toolbar}
        {notReady ? (
          <Alert type="info" showIcon title={t('common.notReady')} />
        ) : list.isError ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <Table<Ticket>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={rows}
              loading={list.isPending}
              pagination={false}
              scroll={{ x: 1100 }}
              locale={{ emptyText: <Empty description={t('tickets.empty')} /> }}
              onRow={() => ({ 'data-testid': 'register-row' }) as React.HTMLAttributes<HTMLElement>}
            />
            {list.hasNextPage && (
              <Flex justify="center" style={{ marginTop: 12 }}>
                <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                  {t('common.loadMore')}
                </Button>
              </Flex>
            )}
          </>
        )}
      </Card>
      <PrintArea name="register" landscape>
        <div className="gj-doc gj-register">
          <div className="gj-doc-company">{me.companyName}</div>
          <h1>{title}</h1>
          <div className="gj-doc-meta">
            <span>{project?.name}</span>
            <span>{t('registers.period', { from, to })}</span>
          </div>
          <table>
            <thead>
              <tr>
                <th style={{ width: '8mm' }}>{t('registers.seq')}</th>
                <th style={{ width: '30mm' }}>{t('tickets.number')}</th>
                <th style={{ width: '24mm' }}>{t('tickets.receivedAt')}</th>
                {register === 'daily' && <th style={{ width: '12mm' }}>{t('tickets.type')}</th>}
                <th style={{ width: '20mm' }}>{t('tickets.location')}</th>
                <th style={{ width: '18mm' }}>{t('ticket.caller')}</th>
                <th>{t('tickets.description')}</th>
                <th style={{ width: '16mm' }}>{t('tickets.assignee')}</th>
                <th>{t('registers.result')}</th>
                <th style={{ width: '24mm' }}>{t('registers.closedAt')}</th>
                <th style={{ width: '16mm' }}>{t('registers.visit')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((tk, i) => (
                <tr key={tk.id}>
                  <td>{i + 1}</td>
                  <td>{tk.number}</td>
                  <td>{formatDateTime(tk.receivedAt)}</td>
                  {register === 'daily' && <td>{t(`ticketType.${tk.type}`)}</td>}
                  <td>{locationOf(tk)}</td>
                  <td>{tk.customerName ?? tk.contactName ?? ''}</td>
                  <td>{tk.description}</td>
                  <td>{tk.assigneeName ?? ''}</td>
                  <td>{resultText(t, tk)}</td>
                  <td>{tk.resolvedAt ? formatDateTime(tk.resolvedAt) : t(`status.${tk.status}`)}</td>
                  <td>{tk.satisfaction ? t(`satisfaction.${tk.satisfaction}`) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="gj-foot">
            <span>{t('registers.count', { count: rows.length })}</span>
            <span>{t('workOrder.printedAt', { at: formatDateTime(new Date().toISOString()) })}</span>
          </div>
        </div>
      </PrintArea>
    </>
  );
}
