import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Empty, Flex, Row, Segmented, Skeleton, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { ApiError, apiUrl } from '../../api/client.ts';
import { useMonthlyComplaints, type ComplaintStats } from '../../api/desk.ts';
import { LoadError } from '../../components/errors.tsx';
import { formatDateTime } from '../../components/labels.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PrintArea, printDocument } from '../../components/PrintArea.tsx';
import { useStaff } from '../../components/ProjectContext.tsx';
import { formatMinutes, percent } from '../../components/ticketLabels.tsx';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { useI18n, type Translate } from '../../i18n/index.tsx';

type Row = ComplaintStats & { key: string; isTotal: boolean };

function minutesPair(t: Translate, m: ComplaintStats['replyMinutes']): string {
  if (!m.count) return '—';
  const f = (v: number | null) => (v === null ? '—' : formatMinutes(t, v));
  return `${f(m.median)} / ${f(m.p90)}`;
}

/** 客户月投诉统计表: per project and in total, on screen, in Excel and on A4. */
export default function MonthlyComplaintsPage() {
  const { t } = useI18n();
  const { projectId, project, me, projects } = useStaff();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const month = /^\d{4}-\d{2}$/.test(params.get('month') ?? '') ? params.get('month')! : dayjs().format('YYYY-MM');
  const wide = me.allProjects || projects.length > 1;
  const scope = wide && params.get('scope') === 'all' ? 'all' : 'project';
  const report = useMonthlyComplaints(scope === 'all' ? null : (projectId ?? null), month);
  const notReady = report.error instanceof ApiError && report.error.status === 404;

  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    next.set(k, v);
    setParams(next, { replace: true });
  };

  const d = report.data;
  const rows: Row[] = d
    ? [
        ...d.projects.map((p) => ({ ...p, key: `p-${p.projectId}`, isTotal: false })),
        ...(d.projects.length > 1 ? [{ ...d.total, key: 'total', isTotal: true }] : []),
      ]
    : [];
  const rateCell = (value: number | null, target?: number, lowerIsBetter = false) => {
    const bad = value !== null && target !== undefined && (lowerIsBetter ? value >= target : value < target);
    return <span style={{ color: bad ? '#cf1322' : undefined, fontWeight: bad ? 600 : undefined }}>{percent(value, 2)}</span>;
  };

  const columns: TableColumnsType<Row> = [
    {
      title: t('monthly.project'),
      dataIndex: 'projectName',
      fixed: 'left',
      width: 120,
      render: (n: string, r) => (r.isTotal ? <strong>{t('monthly.total')}</strong> : n),
    },
    { title: t('monthly.households'), dataIndex: 'households', width: 72, align: 'right' },
    { title: t('monthly.complaints'), dataIndex: 'total', width: 80, align: 'right', render: (v: number) => <strong>{v}</strong> },
    { title: t('monthly.general'), dataIndex: 'general', width: 64, align: 'right' },
    {
      title: t('monthly.major'),
      dataIndex: 'major',
      width: 64,
      align: 'right',
      render: (v: number) => <span style={{ color: v ? '#cf1322' : undefined }}>{v}</span>,
    },
    { title: t('monthly.effective'), dataIndex: 'effective', width: 80, align: 'right' },
    {
      title: t('monthly.overdue'),
      dataIndex: 'overdue',
      width: 64,
      align: 'right',
      render: (v: number) => <span style={{ color: v ? '#cf1322' : undefined }}>{v}</span>,
    },
    {
      title: t('monthly.effectiveRate'),
      key: 'er',
      width: 96,
      align: 'right',
      render: (_: unknown, r) => rateCell(r.effectiveComplaintRate, r.targets.effectiveComplaintRate, true),
    },
    { title: t('monthly.reply'), key: 'rm', width: 150, render: (_: unknown, r) => minutesPair(t, r.replyMinutes) },
    { title: t('monthly.completion'), key: 'cm', width: 150, render: (_: unknown, r) => minutesPair(t, r.completionMinutes) },
    {
      title: t('monthly.returnVisitRate'),
      key: 'rv',
      width: 84,
      align: 'right',
      render: (_: unknown, r) => rateCell(r.returnVisit.rate, r.targets.returnVisitRate),
    },
    { title: t('monthly.satisfaction'), key: 'sat', width: 84, align: 'right', render: (_: unknown, r) => percent(r.satisfaction.rate) },
  ];

  const total = d ? (d.projects.length === 1 ? d.projects[0] : d.total) : null;
  const query = { projectId: scope === 'all' ? undefined : projectId, month };

  return (
    <>
      <PageHeader
        title={t('monthly.title')}
        subtitle={scope === 'all' ? t('monthly.allProjects') : project?.name}
        extra={
          <>
            {wide && (
              <Segmented
                value={scope}
                onChange={(v) => set('scope', String(v))}
                options={[
                  { value: 'project', label: project?.name ?? '—' },
                  { value: 'all', label: t('monthly.allProjects') },
                ]}
              />
            )}
            <DatePicker
              picker="month"
              value={dayjs(`${month}-01`)}
              allowClear={false}
              disabledDate={(x) => x.isAfter(dayjs(), 'month')}
              onChange={(v) => v && set('month', v.format('YYYY-MM'))}
              data-testid="monthly-month"
            />
            <Button icon={<PrinterOutlined />} disabled={!d} onClick={() => printDocument('monthly')}>
              {t('common.print')}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              href={apiUrl('/api/reports/complaints/monthly', { query: { ...query, format: 'xlsx' } })}
              disabled={notReady}
            >
              {t('registers.xlsx')}
            </Button>
          </>
        }
      />
      {notReady ? (
        <Alert type="info" showIcon title={t('common.notReady')} />
      ) : report.isError ? (
        <Card>
          <LoadError error={report.error} onRetry={() => void report.refetch()} />
        </Card>
      ) : report.isPending || !d ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <Flex vertical gap={16}>
          <Card styles={{ body: { padding: isMobile ? 8 : 16 } }}>
            <Table<Row>
              rowKey="key"
              size="small"
              columns={columns}
              dataSource={rows}
              pagination={false}
              scroll={{ x: 1150 }}
              rowClassName={(r) => (r.isTotal ? 'gj-total-row' : '')}
              locale={{ emptyText: <Empty /> }}
              onRow={(r) => ({ 'data-testid': r.isTotal ? 'monthly-total' : 'monthly-row' }) as React.HTMLAttributes<HTMLElement>}
            />
            {total && (
              <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
                {t('monthly.targetNote', { value: percent(total.targets.effectiveComplaintRate) })}
              </Typography.Text>
            )}
          </Card>
          {total && (
            <Row gutter={[16, 16]}>
              <Col xs={24} md={12}>
                <Card size="small" title={t('monthly.byCategory')}>
                  <Table
                    size="small"
                    rowKey={(r) => r.categoryId ?? '-'}
                    pagination={false}
                    dataSource={total.byCategory}
                    columns={[
                      { title: t('ticket.category'), dataIndex: 'name' },
                      { title: t('monthly.complaints'), dataIndex: 'count', align: 'right', width: 90 },
                    ]}
                    locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
                  />
                </Card>
              </Col>
              <Col xs={24} md={12}>
                <Card size="small" title={t('monthly.byChannel')}>
                  <Table
                    size="small"
                    rowKey="channel"
                    pagination={false}
                    dataSource={total.byChannel.filter((c) => c.count > 0)}
                    columns={[
                      {
                        title: t('ticket.channel'),
                        dataIndex: 'channel',
                        render: (c: ComplaintStats['byChannel'][number]['channel']) => t(`channel.${c}`),
                      },
                      { title: t('monthly.complaints'), dataIndex: 'count', align: 'right', width: 90 },
                    ]}
                    locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
                  />
                </Card>
              </Col>
            </Row>
          )}
        </Flex>
      )}
      {d && (
        <PrintArea name="monthly" landscape>
          <div className="gj-doc gj-register">
            <div className="gj-doc-company">{me.companyName}</div>
            <h1>{t('monthly.title')}</h1>
            <div className="gj-doc-meta">
              <span>{scope === 'all' ? t('monthly.allProjects') : project?.name}</span>
              <span>
                {t('monthly.month')}：{month}
              </span>
            </div>
            <table>
              <thead>
                <tr>
                  {[
                    'monthly.project',
                    'monthly.households',
                    'monthly.complaints',
                    'monthly.general',
                    'monthly.major',
                    'monthly.effective',
                    'monthly.overdue',
                    'monthly.effectiveRate',
                    'monthly.reply',
                    'monthly.completion',
                    'monthly.returnVisitRate',
                    'monthly.satisfaction',
                  ].map((k) => (
                    <th key={k}>{t(k as Parameters<Translate>[0])}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.key} style={r.isTotal ? { fontWeight: 600 } : undefined}>
                    <td>{r.isTotal ? t('monthly.total') : r.projectName}</td>
                    <td>{r.households}</td>
                    <td>{r.total}</td>
                    <td>{r.general}</td>
                    <td>{r.major}</td>
                    <td>{r.effective}</td>
                    <td>{r.overdue}</td>
                    <td>{percent(r.effectiveComplaintRate, 2)}</td>
                    <td>{minutesPair(t, r.replyMinutes)}</td>
                    <td>{minutesPair(t, r.completionMinutes)}</td>
                    <td>{percent(r.returnVisit.rate)}</td>
                    <td>{percent(r.satisfaction.rate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {total && total.byCategory.length > 0 && (
              <p style={{ marginTop: '3mm' }}>
                {t('monthly.byCategory')}：{total.byCategory.map((c) => `${c.name} ${c.count}`).join('；')}
              </p>
            )}
            <div className="gj-foot">
              <span>{t('monthly.targetNote', { value: percent(total?.targets.effectiveComplaintRate ?? null) })}</span>
              <span>{t('workOrder.printedAt', { at: formatDateTime(d.generatedAt) })}</span>
            </div>
          </div>
        </PrintArea>
      )}
    </>
  );
}
