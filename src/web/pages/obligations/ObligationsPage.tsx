import { Badge, Calendar, Card, DatePicker, Empty, Flex, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import type { Fact } from '../../../shared/facts.ts';
import type { ObligationRow, ObligationState } from '../../../shared/obligations.ts';
import { useFactCodes, useFacts, useObligations } from '../../api/platform.ts';
import { LoadError } from '../../components/errors.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useStaff } from '../../components/ProjectContext.tsx';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { useI18n } from '../../i18n/index.tsx';

const stateColor: Record<ObligationState, string> = {
  upcoming: 'default',
  due: 'processing',
  done: 'success',
  late: 'warning',
  missed: 'error',
};
const badgeStatus: Record<ObligationState, 'default' | 'processing' | 'success' | 'warning' | 'error'> = stateColor as never;

/**
 * 义务日历: every cadence and quota the modules register (visits, forums, inspections, training …) per
 * person and period, done, late or missed, with the records that count; and 考核事实, the facts the
 * staff assessment will draw from, with links to their evidence.
 */
export default function ObligationsPage() {
  const { t } = useI18n();
  const { project } = useStaff();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'facts' ? 'facts' : 'calendar';
  const month = dayjs(params.get('month') ?? dayjs().format('YYYY-MM'), 'YYYY-MM');
  const setMonth = (m: Dayjs) => {
    const p = new URLSearchParams(params);
    p.set('month', m.format('YYYY-MM'));
    setParams(p, { replace: true });
  };
  return (
    <>
      <PageHeader
        title={t('obligations.title')}
        subtitle={project?.name}
        extra={
          <DatePicker picker="month" allowClear={false} value={month} onChange={(v) => v && setMonth(v)} data-testid="obligations-month" />
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          const p = new URLSearchParams(params);
          p.set('tab', k);
          setParams(p, { replace: true });
        }}
        items={[
          { key: 'calendar', label: t('obligations.calendar'), children: <ObligationCalendar month={month} /> },
          { key: 'facts', label: t('obligations.facts'), children: <FactsList month={month.format('YYYY-MM')} /> },
        ]}
      />
    </>
  );
}

function ObligationCalendar({ month }: { month: Dayjs }) {
  const { t, locale } = useI18n();
  const { projectId } = useStaff();
  const isMobile = useIsMobile();
  const from = month.startOf('month').format('YYYY-MM-DD');
  const to = month.endOf('month').format('YYYY-MM-DD');
  const list = useObligations({ projectId, from, to });
  const rows = (list.data?.items ?? []).filter((r) => r.owed);
  const stateLabel = (s: ObligationState) => t(`obligations.state.${s}`);
  const columns: TableColumnsType<ObligationRow> = [
    { title: t('obligations.rule'), key: 'rule', render: (_, r) => r.label[locale] },
    { title: t('obligations.owner'), key: 'owner', render: (_, r) => r.owner.name },
    { title: t('obligations.period'), key: 'period', render: (_, r) => r.period.key, responsive: ['md'] },
    { title: t('obligations.dueOn'), dataIndex: 'dueOn', width: 110 },
    {
      title: t('obligations.progress'),
      key: 'progress',
      width: 140,
      render: (_, r) => t('obligations.doneOf', { done: r.done, required: r.required }),
    },
    {
      title: t('obligations.stateTitle'),
      key: 'state',
      width: 100,
      render: (_, r) => (
        <Tag color={stateColor[r.state]} data-testid={`obligation-state-${r.code}`}>
          {stateLabel(r.state)}
        </Tag>
      ),
    },
    {
      title: t('obligations.evidence'),
      key: 'evidence',
      responsive: ['lg'],
      render: (_, r) =>
        r.evidence.length ? (
          <Flex wrap gap={4}>
            {r.evidence.slice(0, 5).map((e) =>
              e.href ? (
                <Link key={`${e.kind}${e.id}`} to={e.href}>
                  {e.label}
                </Link>
              ) : (
                <span key={`${e.kind}${e.id}`}>{e.label}</span>
              ),
            )}
            {r.evidence.length > 5 && <Typography.Text type="secondary">+{r.evidence.length - 5}</Typography.Text>}
          </Flex>
        ) : (
          '—'
        ),
    },
  ];
  if (list.isError) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Flex vertical gap={16}>
      {!isMobile && (
        <Card size="small">
          <Calendar
            value={month}
            headerRender={() => null}
            fullscreen={false}
            cellRender={(date, info) => {
              if (info.type !== 'date' || !date.isSame(month, 'month')) return null;
              const due = rows.filter((r) => r.dueOn === date.format('YYYY-MM-DD'));
              if (!due.length) return null;
              // A day shows how many obligations fall due on it, by state; the list below names them.
              const states = (['missed', 'late', 'due', 'done', 'upcoming'] as const).filter((st) => due.some((r) => r.state === st));
              return (
                <Flex
                  gap={4}
                  justify="center"
                  wrap
                  style={{ fontSize: 11 }}
                  title={due.map((r) => `${r.label[locale]} · ${r.owner.name}`).join('\n')}
                >
                  {states.map((st) => (
                    <Badge key={st} status={badgeStatus[st]} text={due.filter((r) => r.state === st).length} />
                  ))}
                </Flex>
              );
            }}
          />
        </Card>
      )}
      <Card size="small" title={t('obligations.list')}>
        <Table<ObligationRow>
          rowKey={(r) => `${r.code}|${r.owner.kind}${r.owner.id}|${r.period.key}`}
          size="small"
          columns={columns}
          dataSource={rows}
          loading={list.isPending}
          pagination={false}
          locale={{ emptyText: <Empty description={t('obligations.none')} /> }}
          onRow={(r) => ({ 'data-testid': 'obligation-row', 'data-code': r.code }) as React.HTMLAttributes<HTMLElement>}
        />
      </Card>
    </Flex>
  );
}

function FactsList({ month }: { month: string }) {
  const { t, locale } = useI18n();
  const { projectId } = useStaff();
  const list = useFacts({ projectId, month });
  const codes = useFactCodes();
  const labelOf = (code: string) => codes.data?.items.find((c) => c.code === code)?.label[locale] ?? code;
  const columns: TableColumnsType<Fact> = [
    { title: t('obligations.person'), dataIndex: 'staffName', width: 120 },
    { title: t('obligations.factCode'), dataIndex: 'code', render: (code: string) => labelOf(code) },
    { title: t('obligations.count'), dataIndex: 'count', width: 80 },
    {
      title: t('obligations.evidence'),
      key: 'evidence',
      render: (_, f) => (
        <Flex wrap gap={6}>
          {f.evidence.slice(0, 8).map((e) =>
            e.href ? (
              <Link key={`${e.kind}${e.id}`} to={e.href}>
                {e.label}
              </Link>
            ) : (
              <span key={`${e.kind}${e.id}`}>{e.label}</span>
            ),
          )}
          {f.evidence.length > 8 && <Typography.Text type="secondary">+{f.evidence.length - 8}</Typography.Text>}
        </Flex>
      ),
    },
  ];
  if (list.isError) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Card size="small">
      <Typography.Paragraph type="secondary">{t('obligations.factsHint')}</Typography.Paragraph>
      <Table<Fact>
        rowKey={(f) => `${f.staffId}|${f.code}`}
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isPending}
        pagination={false}
        locale={{ emptyText: <Empty description={t('obligations.noFacts')} /> }}
        onRow={(f) => ({ 'data-testid': 'fact-row', 'data-code': f.code }) as React.HTMLAttributes<HTMLElement>}
      />
    </Card>
  );
}
