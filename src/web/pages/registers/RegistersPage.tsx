import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Empty, Flex, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import type { GenericRegisterPage, RegisterColumnView, RegisterRow } from '../../../shared/registers.ts';
import { apiUrl, ApiError } from '../../api/client.ts';
import { useRegister, useRegisters } from '../../api/platform.ts';
import { LoadError } from '../../components/errors.tsx';
import { formatDate, formatDateTime } from '../../components/labels.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PrintArea, printDocument } from '../../components/PrintArea.tsx';
import { useStaff } from '../../components/ProjectContext.tsx';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { useI18n } from '../../i18n/index.tsx';

const DAY = 'YYYY-MM-DD';
type Cell = RegisterRow['cells'][string];

/** A cell as the register shows it, in the user's language (enums by their message, falling back to the paper's word). */
function useCellText() {
  const { t, tMaybe } = useI18n();
  return (column: RegisterColumnView, value: Cell): string => {
    if (value === null || value === '') return '';
    if (column.type === 'datetime' && typeof value === 'string') return formatDateTime(value);
    if (column.type === 'date' && typeof value === 'string') return formatDate(value);
    if (column.type === 'boolean') return value ? t('common.yes') : t('common.no');
    if (column.type === 'enum' && typeof value === 'string')
      return column.i18n ? tMaybe(`${column.i18n}.${value}`, column.enumLabels?.[value] ?? value) : (column.enumLabels?.[value] ?? value);
    return String(value);
  };
}

/**
 * 登记表: every module's paper registers (报修记录, 投诉记录, 日常事务登记表, 值班记录 …) from one definition
 * each on the server — the same columns on screen, on the A4 landscape print and in the .xlsx, with
 * personal numbers masked by the server.
 */
export default function RegistersPage() {
  const { t, locale } = useI18n();
  const { projectId, project, me } = useStaff();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const available = useRegisters();
  const items = available.data?.items ?? [];
  const register = items.some((r) => r.register === params.get('register')) ? params.get('register')! : items[0]?.register;
  const meta = items.find((r) => r.register === register);
  const from = params.get('from') ?? dayjs().startOf('month').format(DAY);
  const to = params.get('to') ?? dayjs().format(DAY);
  const list = useRegister(register, { projectId, from, to });
  const first: GenericRegisterPage | undefined = list.data?.pages[0];
  const columns = first?.columns ?? [];
  const rows = list.data?.pages.flatMap((p) => p.rows) ?? [];
  const notReady = list.error instanceof ApiError && list.error.status === 404;
  const cellText = useCellText();

  const set = (next: Record<string, string>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) p.set(k, v);
    setParams(p, { replace: true });
  };

  const title = meta ? meta.label[locale] : t('registers.title');
  const header = (c: RegisterColumnView) => c.header[locale];
  const tableColumns: TableColumnsType<RegisterRow> = [
    { title: t('registers.seq'), key: 'seq', width: 56, render: (_: unknown, __: RegisterRow, i: number) => i + 1 },
    ...columns.map((c, i) => ({
      title: header(c),
      key: c.key,
      width: Math.max(70, c.width * 7),
      render: (_: unknown, row: RegisterRow) => {
        const text = cellText(c, row.cells[c.key]);
        // The first column opens the record.
        if (i === 0 && row.link)
          return <Link to={`${row.link}${row.link.includes('?') ? '&' : '?'}projectId=${projectId}`}>{text || '—'}</Link>;
        if (c.type === 'enum' && text) return <Tag style={{ marginInlineEnd: 0 }}>{text}</Tag>;
        if (c.width >= 24)
          return (
            <Typography.Paragraph ellipsis={{ rows: 2, tooltip: text }} style={{ margin: 0 }}>
              {text || '—'}
            </Typography.Paragraph>
          );
        return text || '—';
      },
    })),
  ];
  const totalWidth = columns.reduce((sum, c) => sum + c.width, 0) || 1;

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
          projectId && register
            ? apiUrl('/api/registers/:register', { params: { register }, query: { projectId, from, to, format: 'xlsx' } })
            : undefined
        }
        disabled={!projectId || !register || notReady}
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
          items={items.map((r) => ({ key: r.register, label: <span data-testid={`register-tab-${r.register}`}>{r.label[locale]}</span> }))}
        />
        {toolbar}
        {available.isError ? (
          <LoadError error={available.error} onRetry={() => void available.refetch()} />
        ) : notReady ? (
          <Alert type="info" showIcon title={t('common.notReady')} />
        ) : list.isError ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <Table<RegisterRow>
              rowKey="id"
              size="small"
              columns={tableColumns}
              dataSource={rows}
              loading={list.isPending || available.isPending}
              pagination={false}
              scroll={{ x: Math.max(900, totalWidth * 7) }}
              locale={{ emptyText: <Empty description={t('common.noData')} /> }}
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
                {columns.map((c) => (
                  <th key={c.key} style={{ width: `${(c.width / totalWidth) * 100}%` }}>
                    {header(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={row.id}>
                  <td>{i + 1}</td>
                  {columns.map((c) => (
                    <td key={c.key}>{cellText(c, row.cells[c.key])}</td>
                  ))}
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
