import { AlertFilled, ClockCircleOutlined, FileAddOutlined, InboxOutlined, PhoneOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Col, Empty, Flex, Progress, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useDashboard, type Dashboard, type MajorAlert } from '../../api/desk.ts';
import { EChart, type ChartOption } from '../../components/EChart.tsx';
import { LoadError } from '../../components/errors.tsx';
import { formatDate, formatDateTime } from '../../components/labels.tsx';
import { useLive } from '../../components/LiveEvents.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useStaff } from '../../components/ProjectContext.tsx';
import { formatMinutes, percent, statusColors } from '../../components/ticketLabels.tsx';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { useI18n } from '../../i18n/index.tsx';

interface AlertRow {
  key: string;
  title: string;
  number?: string;
  ticketId?: number;
  projectId: number | null;
  committedReplyAt: string | null;
  at: string | null;
  live: boolean;
  collective: boolean;
}

/** 仪表盘: today's intake, open work, overdue, live major alerts, deadlines met, visits, satisfaction, trends. */
export default function DashboardPage() {
  const { t } = useI18n();
  const { projectId, project } = useStaff();
  const isMobile = useIsMobile();
  const dashboard = useDashboard(projectId);
  const { alerts, connected } = useLive();
  const notReady = dashboard.error instanceof ApiError && dashboard.error.status === 404;

  const rows = useMemo(() => alertRows(alerts, dashboard.data, projectId), [alerts, dashboard.data, projectId]);

  return (
    <>
      <PageHeader
        title={t('dashboard.title')}
        subtitle={project?.name}
        extra={
          <Badge
            status={connected ? 'processing' : 'default'}
            text={<Typography.Text type="secondary">{t('dashboard.live')}</Typography.Text>}
          />
        }
      />
      <Flex vertical gap={16}>
        <MajorAlerts rows={rows} />
        {notReady ? (
          <Alert type="info" showIcon title={t('dashboard.notReady')} />
        ) : dashboard.isError ? (
          <Card>
            <LoadError error={dashboard.error} onRetry={() => void dashboard.refetch()} />
          </Card>
        ) : dashboard.isPending ? (
          <Card>
            <Skeleton active paragraph={{ rows: 6 }} />
          </Card>
        ) : (
          <Figures d={dashboard.data} compact={isMobile} />
        )}
      </Flex>
    </>
  );
}

function alertRows(live: MajorAlert[], d: Dashboard | undefined, projectId: number | undefined): AlertRow[] {
  const rows: AlertRow[] = live
    .filter((a) => !projectId || a.projectId === projectId)
    .map((a) => ({
      key: `live-${a.incidentId}-${a.ticketId}`,
      title: a.title,
      number: a.number,
      ticketId: a.ticketId,
      projectId: a.projectId,
      committedReplyAt: a.committedReplyAt,
      at: a.receivedAt ?? null,
      live: true,
      collective: a.kind === 'collective',
    }));
  const seen = new Set(live.map((a) => a.incidentId));
  for (const m of d?.majorIncidents ?? []) {
    if (seen.has(m.id)) continue;
    rows.push({
      key: `open-${m.id}`,
      title: m.title,
      projectId: m.projectId,
      committedReplyAt: m.committedReplyAt,
      at: m.createdAt,
      live: false,
      collective: m.kind === 'collective',
    });
  }
  return rows;
}

function MajorAlerts({ rows }: { rows: AlertRow[] }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Card
      size="small"
      title={
        <span style={{ color: rows.length ? '#a8071a' : undefined }}>
          <AlertFilled /> {t('dashboard.majorAlerts')}
          {rows.length > 0 && (
            <Tag color="red" style={{ marginInlineStart: 8 }}>
              {rows.length}
            </Tag>
          )}
        </span>
      }
      className={rows.length ? 'gj-alert-card' : undefined}
      data-testid="major-alerts"
    >
      {rows.length === 0 ? (
        <Typography.Text type="secondary">{t('dashboard.noAlerts')}</Typography.Text>
      ) : (
        <Flex vertical gap={8}>
          {rows.map((r) => (
            <div
              key={r.key}
              className={`gj-alert-row${r.live ? ' is-live' : ''}`}
              data-testid="major-alert-card"
              data-live={String(r.live)}
            >
              <Flex justify="space-between" align="flex-start" gap={12} wrap>
                <div style={{ minWidth: 0, flex: 1 }}>
                  <Flex gap={6} align="center" wrap>
                    <Tag color="#cf1322" style={{ marginInlineEnd: 0 }}>
                      {r.collective ? t('alert.collective') : t('alert.major')}
                    </Tag>
                    {r.number && <Typography.Text strong>{r.number}</Typography.Text>}
                    {r.live && <Tag color="red">{t('dashboard.live')}</Tag>}
                  </Flex>
                  <Typography.Paragraph style={{ margin: '4px 0 0', color: '#5c0011' }} ellipsis={{ rows: 2 }}>
                    {r.title}
                  </Typography.Paragraph>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(r.at)}
                    {r.committedReplyAt ? ` · ${t('alert.committed', { at: formatDateTime(r.committedReplyAt) })}` : ''}
                  </Typography.Text>
                </div>
                <Button
                  danger
                  size="small"
                  onClick={() =>
                    navigate(
                      r.ticketId
                        ? `/tickets/${r.ticketId}${r.projectId ? `?projectId=${r.projectId}` : ''}`
                        : `/tickets?major=true${r.projectId ? `&projectId=${r.projectId}` : ''}`,
                    )
                  }
                >
                  {t('alert.open')}
                </Button>
              </Flex>
            </div>
          ))}
        </Flex>
      )}
    </Card>
  );
}

function Stat({
  title,
  value,
  icon,
  color,
  testId,
  suffix,
}: {
  title: string;
  value: ReactNode;
  icon: ReactNode;
  color: string;
  testId: string;
  suffix?: string;
}) {
  return (
    <Card size="small" className="gj-stat-card" data-testid={testId}>
      <Flex align="center" gap={12}>
        <span className="gj-stat-icon" style={{ background: `${color}14`, color }}>
          {icon}
        </span>
        <Statistic title={title} value={value as number} suffix={suffix} styles={{ content: { fontSize: 24, fontWeight: 600 } }} />
      </Flex>
    </Card>
  );
}

function Figures({ d, compact }: { d: Dashboard; compact: boolean }) {
  const { t } = useI18n();
  const w = d.last30Days;
  const minutes = (m: number | null) => (m === null ? '—' : formatMinutes(t, m));

  const statusOption = useMemo<ChartOption>(() => {
    const items = d.open.byStatus.filter((s) => s.count > 0);
    return {
      grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: items.map((s) => t(`status.${s.status}`)) },
      series: [
        {
          type: 'bar',
          barMaxWidth: 22,
          data: items.map((s) => ({ value: s.count, itemStyle: { color: statusColors[s.status].chart, borderRadius: [0, 4, 4, 0] } })),
          label: { show: true, position: 'right' },
        },
      ],
    };
  }, [d.open.byStatus, t]);

  const typeOption = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
      legend: { bottom: 0, itemWidth: 10, itemHeight: 10 },
      series: [
        {
          type: 'pie',
          radius: ['45%', '70%'],
          center: ['50%', '44%'],
          label: { show: false },
          itemStyle: { borderColor: '#fff', borderWidth: 2 },
          data: d.today.byType.filter((x) => x.count > 0).map((x) => ({ name: t(`ticketType.${x.type}`), value: x.count })),
        },
      ],
    }),
    [d.today.byType, t],
  );

  const trendOption = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: d.trends.map((m) => m.month.slice(2)) },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
      ],
      series: [
        { name: t('dashboard.intake'), type: 'bar', data: d.trends.map((m) => m.intake), itemStyle: { color: '#93c5fd' }, barMaxWidth: 18 },
        {
          name: t('dashboard.complaints'),
          type: 'line',
          smooth: true,
          data: d.trends.map((m) => m.complaints),
          itemStyle: { color: '#f97316' },
        },
        { name: t('dashboard.overdue'), type: 'line', smooth: true, data: d.trends.map((m) => m.overdue), itemStyle: { color: '#dc2626' } },
        {
          name: t('dashboard.satisfaction'),
          type: 'line',
          yAxisIndex: 1,
          smooth: true,
          data: d.trends.map((m) => (m.satisfactionRate === null ? null : Math.round(m.satisfactionRate * 1000) / 10)),
          itemStyle: { color: '#16a34a' },
          lineStyle: { type: 'dashed' },
        },
      ],
    }),
    [d.trends, t],
  );

  const rate = (value: number | null, testId: string, label: string) => (
    <Flex vertical align="center" gap={4} data-testid={testId}>
      <Progress
        type="dashboard"
        percent={value === null ? 0 : Math.round(value * 1000) / 10}
        size={compact ? 96 : 112}
        format={() => percent(value)}
      />
      <Typography.Text type="secondary">{label}</Typography.Text>
    </Flex>
  );

  return (
    <>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Stat title={t('dashboard.todayIntake')} value={d.today.total} icon={<FileAddOutlined />} color="#1d4ed8" testId="dash-today" />
        </Col>
        <Col xs={12} md={6}>
          <Stat title={t('dashboard.open')} value={d.open.total} icon={<InboxOutlined />} color="#0891b2" testId="dash-open" />
        </Col>
        <Col xs={12} md={6}>
          <Stat title={t('dashboard.overdue')} value={d.open.overdue} icon={<WarningOutlined />} color="#dc2626" testId="dash-overdue" />
        </Col>
        <Col xs={12} md={6}>
          <Stat
            title={t('visits.pending')}
            value={d.pendingReturnVisits.total}
            icon={<PhoneOutlined />}
            color="#ca8a04"
            testId="dash-visits"
          />
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('dashboard.openByStatus')}>
            {d.open.total === 0 ? (
              <Empty description={t('common.noData')} />
            ) : (
              <EChart option={statusOption} height={240} testId="chart-open-status" />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('dashboard.byType')}>
            {d.today.total === 0 ? (
              <Empty description={t('common.noData')} />
            ) : (
              <EChart option={typeOption} height={240} testId="chart-today-type" />
            )}
          </Card>
        </Col>
      </Row>
      <Card size="small" title={`${t('dashboard.sla')} · ${formatDate(w.from)} ~ ${formatDate(w.to)}`}>
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            {rate(w.sla.reply.rate, 'dash-sla-reply', t('dashboard.replySla'))}
          </Col>
          <Col xs={12} md={6}>
            {rate(w.sla.completion.rate, 'dash-sla-completion', t('dashboard.completionSla'))}
          </Col>
          <Col xs={12} md={6}>
            {rate(w.returnVisit.rate, 'dash-visit-rate', t('dashboard.returnVisitRate'))}
          </Col>
          <Col xs={12} md={6}>
            {rate(w.satisfaction.rate, 'dash-satisfaction', t('dashboard.satisfaction'))}
          </Col>
        </Row>
        <Flex wrap gap={compact ? 12 : 32} justify="center" style={{ marginTop: 12 }} data-testid="dash-times">
          <Typography.Text>
            <ClockCircleOutlined /> {t('dashboard.reply')} · {t('dashboard.median')} <strong>{minutes(w.replyMinutes.median)}</strong> ·{' '}
            {t('dashboard.p90')} <strong>{minutes(w.replyMinutes.p90)}</strong>
          </Typography.Text>
          <Typography.Text>
            <ClockCircleOutlined /> {t('dashboard.completion')} · {t('dashboard.median')}{' '}
            <strong>{minutes(w.completionMinutes.median)}</strong> · {t('dashboard.p90')}{' '}
            <strong>{minutes(w.completionMinutes.p90)}</strong>
          </Typography.Text>
        </Flex>
      </Card>
      <Card size="small" title={t('dashboard.trends')}>
        <EChart option={trendOption} height={compact ? 260 : 300} testId="chart-trends" />
      </Card>
    </>
  );
}
