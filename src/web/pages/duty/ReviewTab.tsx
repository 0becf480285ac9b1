import { App, Button, Card, DatePicker, Empty, Flex, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { dutyApi, useDutyFacts, useDutyMutation, useReview, type PersonFacts, type Review } from '../../api/duty.ts';
import { errorText, LoadError } from '../../components/errors.tsx';
import { useStaff } from '../../components/ProjectContext.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { clock, today } from './dutyFormat.ts';

type Shift = Review['shifts'][number];

/** 晨查: the supervisor reviews the previous shifts; what is still open is listed for follow-up. */
export function ReviewTab() {
  const { t } = useI18n();
  const { projectId, can } = useStaff();
  const { message } = App.useApp();
  const [date, setDate] = useState(today());
  const review = useReview(projectId, date);
  const mark = useDutyMutation(dutyApi.review);
  const [selected, setSelected] = useState<number[]>([]);
  const r = review.data;

  const columns: TableColumnsType<Shift> = [
    {
      title: t('duty.shift'),
      render: (_: unknown, s) =>
        `${s.assignment.date} ${s.assignment.shiftName} ${clock(s.assignment.startsAt)}–${clock(s.assignment.endsAt)}`,
    },
    { title: t('duty.person'), render: (_: unknown, s) => s.assignment.staffName },
    {
      title: t('duty.checkIn'),
      render: (_: unknown, s) =>
        s.assignment.checkInAt ? (
          <Tag color={s.assignment.lateMinutes ? 'red' : 'green'}>
            {clock(s.assignment.checkInAt)}
            {s.assignment.lateMinutes ? ` ${t('duty.late', { n: s.assignment.lateMinutes })}` : ''}
          </Tag>
        ) : (
          <Tag>{t('duty.noCheckIn')}</Tag>
        ),
    },
    {
      title: t('duty.logLines'),
      render: (_: unknown, s) => (
        <Flex vertical>
          {s.entries.map((e) => (
            <span key={e.id}>
              {clock(e.occurredAt)} {e.description}{' '}
              <Tag color={e.status === 'open' ? 'orange' : 'green'}>{t(`duty.status.${e.status}`)}</Tag>
            </span>
          ))}
          {!s.entries.length && '—'}
        </Flex>
      ),
    },
    {
      title: t('duty.handover'),
      render: (_: unknown, s) =>
        !s.assignment.handoverRequired ? (
          '—'
        ) : s.handover ? (
          <Tag color={s.handover.signed ? 'green' : 'red'}>{s.handover.signed ? t('duty.handoverSigned') : t('duty.handoverUnsigned')}</Tag>
        ) : (
          <Tag color="red">{t('duty.handoverMissing')}</Tag>
        ),
    },
    {
      title: t('duty.reviewed'),
      render: (_: unknown, s) =>
        s.assignment.reviewedAt ? <Tag color="green">{dayjs(s.assignment.reviewedAt).format('MM-DD HH:mm')}</Tag> : '—',
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap align="center">
        <DatePicker value={dayjs(date)} allowClear={false} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} />
        {can('duty.review') && (
          <Button
            type="primary"
            disabled={!selected.length}
            loading={mark.isPending}
            data-testid="duty-mark-reviewed"
            onClick={() =>
              mark.mutate(
                { projectId: projectId!, assignmentIds: selected },
                {
                  onSuccess: (x) => {
                    void message.success(t('duty.reviewedN', { n: x.reviewed }));
                    setSelected([]);
                  },
                  onError: (err) => void message.error(errorText(t, err)),
                },
              )
            }
          >
            {t('duty.markReviewed')}
          </Button>
        )}
      </Flex>
      {review.error && <LoadError error={review.error} onRetry={() => void review.refetch()} />}
      <Card size="small" title={t('duty.previousShifts')}>
        <Table<Shift>
          rowKey={(s) => s.assignment.id}
          size="small"
          columns={columns}
          dataSource={r?.shifts ?? []}
          loading={review.isLoading}
          pagination={false}
          scroll={{ x: 760 }}
          data-testid="duty-review-shifts"
          rowSelection={
            can('duty.review')
              ? {
                  selectedRowKeys: selected,
                  onChange: (keys) => setSelected(keys as number[]),
                  getCheckboxProps: (s) => ({ disabled: !!s.assignment.reviewedAt }),
                }
              : undefined
          }
        />
      </Card>
      <Flex gap={12} wrap>
        <Card
          size="small"
          title={`${t('duty.carried')} (${r?.carried.length ?? 0})`}
          style={{ flex: 1, minWidth: 280 }}
          data-testid="duty-review-carried"
        >
          {r?.carried.length ? r.carried.map((c) => <div key={c.id}>{c.description}</div>) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
        </Card>
        <Card
          size="small"
          title={`${t('duty.unconverted')} (${r?.unconverted.length ?? 0})`}
          style={{ flex: 1, minWidth: 280 }}
          data-testid="duty-review-unconverted"
        >
          {r?.unconverted.length ? (
            r.unconverted.map((e) => (
              <div key={e.id}>
                {dayjs(e.occurredAt).format('MM-DD HH:mm')} {e.description} {e.overdue && <Tag color="red">{t('duty.overdue')}</Tag>}
              </div>
            ))
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
          )}
        </Card>
        <Card
          size="small"
          title={`${t('duty.handoverUnsigned')} (${(r?.unsigned.length ?? 0) + (r?.missingHandovers.length ?? 0)})`}
          style={{ flex: 1, minWidth: 280 }}
          data-testid="duty-review-unsigned"
        >
          {r?.unsigned.map((h) => (
            <div key={h.id}>
              {h.shiftDate} {h.shiftName} {h.outgoingName} → {h.incomingName}{' '}
              {h.flagged && <Tag color="red">{t('duty.handoverFlagged')}</Tag>}
            </div>
          ))}
          {r?.missingHandovers.map((a) => (
            <div key={a.id}>
              {a.date} {a.shiftName} {a.staffName} <Tag color="red">{t('duty.handoverMissing')}</Tag>
            </div>
          ))}
          {!r?.unsigned.length && !r?.missingHandovers.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
        </Card>
      </Flex>
    </Flex>
  );
}

/** Facts for the staff assessment: per person and month. */
export function FactsTab() {
  const { t } = useI18n();
  const { projectId } = useStaff();
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  const facts = useDutyFacts(projectId, month);
  const num = (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : 0);
  const columns: TableColumnsType<PersonFacts> = [
    { title: t('duty.person'), dataIndex: 'staffName' },
    { title: t('duty.shifts'), dataIndex: 'shifts' },
    { title: t('duty.lateArrivals'), dataIndex: 'lateArrivals', render: num },
    { title: t('duty.lateMinutes'), dataIndex: 'lateMinutes', render: num },
    { title: t('duty.missedCheckIns'), dataIndex: 'missedCheckIns', render: num },
    { title: t('duty.unsignedHandovers'), dataIndex: 'unsignedHandovers', render: num },
    { title: t('duty.carriedOverItems'), dataIndex: 'carriedOverItems' },
    { title: t('duty.unconvertedEntries'), dataIndex: 'unconvertedEntries', render: num },
  ];
  return (
    <Flex vertical gap={12}>
      <DatePicker
        picker="month"
        value={dayjs(`${month}-01`)}
        allowClear={false}
        onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
        style={{ width: 160 }}
      />
      {facts.error && <LoadError error={facts.error} />}
      <Table<PersonFacts>
        rowKey="staffId"
        size="small"
        columns={columns}
        dataSource={facts.data?.items ?? []}
        loading={facts.isLoading}
        pagination={false}
        scroll={{ x: 760 }}
        data-testid="duty-facts"
      />
    </Flex>
  );
}
