import { DeleteOutlined, EditOutlined, LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Empty, Flex, Form, Input, Modal, Popconfirm, Radio, Table, Tag, Typography } from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { calendarDayUpsert } from '../../../shared/calendar.ts';
import { useCalendarDays, useCalendarMutations, type CalendarDay } from '../../api/desk.ts';
import { ErrorAlert, errorText, LoadError, validForm } from '../../components/errors.tsx';
import { maxLengthOf, rulesFrom } from '../../components/formRules.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { testId } from '../../components/testId.ts';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { useI18n } from '../../i18n/index.tsx';

interface DayForm {
  date: Dayjs;
  kind: CalendarDay['kind'];
  name?: string;
}

/** 节假日: the year's holidays and make-up working days (调休) that working-day deadlines follow. */
export default function CalendarPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [year, setYear] = useState(() => dayjs().year());
  const days = useCalendarDays(year);
  const { upsert, remove } = useCalendarMutations();
  const [editing, setEditing] = useState<CalendarDay | 'new' | null>(null);
  const [form] = Form.useForm<DayForm>();

  const items = useMemo(() => [...(days.data ?? [])].sort((a, b) => a.date.localeCompare(b.date)), [days.data]);
  const holidays = items.filter((d) => d.kind === 'holiday').length;
  const workdays = items.length - holidays;

  const open = (day: CalendarDay | 'new') => {
    setEditing(day);
    upsert.reset();
    form.setFieldsValue(
      day === 'new'
        ? {
            date: dayjs(`${year}-01-01`).isBefore(dayjs()) && year === dayjs().year() ? dayjs() : dayjs(`${year}-01-01`),
            kind: 'holiday',
            name: '',
          }
        : { date: dayjs(day.date), kind: day.kind, name: day.name ?? '' },
    );
  };

  const submit = async () => {
    const v = await validForm(form);
    if (!v) return;
    upsert.mutate(
      { date: v.date.format('YYYY-MM-DD'), kind: v.kind, name: v.name?.trim() || null },
      {
        onSuccess: () => {
          void message.success(t('calendar.saved'));
          setEditing(null);
        },
      },
    );
  };

  const columns: TableColumnsType<CalendarDay> = [
    {
      title: t('calendar.date'),
      dataIndex: 'date',
      width: 120,
      render: (d: string) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{d}</span>,
    },
    { title: t('calendar.weekday'), key: 'wd', width: 80, render: (_: unknown, d) => dayjs(d.date).format('dddd') },
    {
      title: t('calendar.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (k: CalendarDay['kind']) => <Tag color={k === 'holiday' ? 'red' : 'blue'}>{t(`calendar.${k}`)}</Tag>,
    },
    { title: t('calendar.name'), dataIndex: 'name', render: (n: string | null) => n ?? '—' },
    {
      title: t('calendar.source'),
      dataIndex: 'source',
      width: 120,
      render: (s: CalendarDay['source']) => (
        <Typography.Text type={s === 'manual' ? undefined : 'secondary'}>{t(`calendar.source.${s}`)}</Typography.Text>
      ),
    },
    {
      title: t('common.actions'),
      key: 'act',
      width: 120,
      render: (_: unknown, d) => (
        <Flex gap={4}>
          <Button size="small" type="link" icon={<EditOutlined />} onClick={() => open(d)} aria-label={t('calendar.override')} />
          {d.source === 'manual' && (
            <Popconfirm
              title={t('calendar.deleteConfirm', { date: d.date })}
              onConfirm={() =>
                remove.mutate(d.date, {
                  onSuccess: () => void message.success(t('calendar.deleted')),
                  onError: (err) => void message.error(errorText(t, err)),
                })
              }
            >
              <Button
                size="small"
                type="link"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('common.delete')}
                data-testid={`calendar-delete-${d.date}`}
              />
            </Popconfirm>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('calendar.title')}
        subtitle={t('calendar.subtitle')}
        extra={
          <>
            <Flex align="center" gap={4}>
              <Button icon={<LeftOutlined />} onClick={() => setYear((y) => y - 1)} aria-label="prev" />
              <DatePicker
                picker="year"
                value={dayjs(`${year}-01-01`)}
                allowClear={false}
                onChange={(v) => v && setYear(v.year())}
                style={{ width: 100 }}
              />
              <Button icon={<RightOutlined />} onClick={() => setYear((y) => y + 1)} aria-label="next" />
            </Flex>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="calendar-add">
              {t('calendar.add')}
            </Button>
          </>
        }
      />
      <Card styles={{ body: { padding: isMobile ? 8 : 16 } }}>
        {days.isError ? (
          <LoadError error={days.error} onRetry={() => void days.refetch()} />
        ) : (
          <>
            <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
              {t('calendar.summary', { holidays, workdays })}
            </Typography.Text>
            <Table<CalendarDay>
              rowKey="date"
              size="small"
              columns={isMobile ? columns.filter((c) => c.key !== 'wd' && (c as { dataIndex?: string }).dataIndex !== 'source') : columns}
              dataSource={items}
              loading={days.isPending}
              pagination={false}
              rowClassName={(d) => (d.kind === 'holiday' ? 'gj-holiday-row' : '')}
              locale={{ emptyText: <Empty description={t('calendar.empty')} /> }}
              onRow={(d) => ({ 'data-testid': 'calendar-row', 'data-date': d.date }) as React.HTMLAttributes<HTMLElement>}
            />
          </>
        )}
      </Card>
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('calendar.add') : t('calendar.override')}
        onCancel={() => setEditing(null)}
        onOk={() => void submit()}
        okText={t('common.save')}
        confirmLoading={upsert.isPending}
        okButtonProps={testId<ButtonProps>('calendar-save')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" requiredMark={false}>
          <Form.Item name="date" label={t('calendar.date')} rules={[{ required: true, message: t('common.required') }]}>
            <DatePicker style={{ width: '100%' }} disabled={editing !== 'new'} data-testid="calendar-date" />
          </Form.Item>
          <Form.Item name="kind" label={t('calendar.kind')}>
            <Radio.Group>
              <Radio value="holiday">{t('calendar.holiday')}</Radio>
              <Radio value="workday">{t('calendar.workday')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="name" label={t('calendar.name')} rules={rulesFrom(calendarDayUpsert.shape.name)}>
            <Input
              maxLength={maxLengthOf(calendarDayUpsert.shape.name)}
              placeholder={t('calendar.namePlaceholder')}
              data-testid="calendar-name"
            />
          </Form.Item>
          {upsert.isError && <ErrorAlert error={upsert.error} />}
        </Form>
      </Modal>
    </>
  );
}
