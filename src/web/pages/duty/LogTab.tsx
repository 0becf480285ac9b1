import { Alert, App, Button, Card, Checkbox, DatePicker, Flex, Form, Input, Modal, Segmented, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ButtonProps } from 'antd';
import { testId } from '../../components/testId.ts';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { handleBody, logEntryCreate } from '../../../shared/duty.ts';
import { ticketPriorities, ticketTypes } from '../../../shared/enums.ts';
import { useCategories } from '../../api/desk.ts';
import { dutyApi, useDutyLog, useDutyMutation, useDutyStaff, type LogEntry } from '../../api/duty.ts';
import { applyFieldErrors, ErrorAlert, LoadError, validForm } from '../../components/errors.tsx';
import { maxLengthOf, rulesFrom } from '../../components/formRules.ts';
import { useStaff } from '../../components/ProjectContext.tsx';
import { categoryLabel } from '../../components/ticketLabels.tsx';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { useI18n } from '../../i18n/index.tsx';

/** The limits of the log form are those of POST /api/duty/log. */
const entry = logEntryCreate.shape;

interface EntryForm {
  kind: LogEntry['kind'];
  occurredAt: Dayjs;
  unitId?: number;
  callerName?: string;
  callerPhone?: string;
  description: string;
  handled?: boolean;
  actionTaken?: string;
  dispatchedTo?: number;
  dispatchedAt?: Dayjs;
}

/** 工作日志 / 夜间值班记录表: one line per call or visit; the morning queue of lines still to convert. */
export function LogTab() {
  const { t, locale } = useI18n();
  const { projectId, me, can } = useStaff();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<'open' | 'all'>('open');
  const log = useDutyLog(projectId, filter);
  const staff = useDutyStaff(projectId);
  const categories = useCategories();
  const [form] = Form.useForm<EntryForm>();
  const kind = Form.useWatch('kind', form);
  const handled = Form.useWatch('handled', form);
  const add = useDutyMutation(dutyApi.log);
  const convert = useDutyMutation((v: { id: number; body: Parameters<typeof dutyApi.convert>[1] }) => dutyApi.convert(v.id, v.body));
  const handle = useDutyMutation((v: { id: number; actionTaken: string }) => dutyApi.handle(v.id, v.actionTaken));
  const [converting, setConverting] = useState<LogEntry | null>(null);
  const [handling, setHandling] = useState<LogEntry | null>(null);
  const [convertForm] = Form.useForm<{
    type: (typeof ticketTypes)[number];
    categoryId?: string;
    priority?: (typeof ticketPriorities)[number];
  }>();
  const [handleForm] = Form.useForm<{ actionTaken: string }>();
  const canLog = can('duty.log');
  const isControl = me.roles.includes('control') || can('duty.plan');
  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];

  const submit = async () => {
    const v = await validForm(form);
    if (!v || !projectId) return;
    add.mutate(
      {
        projectId,
        kind: v.kind,
        occurredAt: v.occurredAt.toISOString(),
        unitId: v.unitId,
        callerName: v.callerName?.trim() || undefined,
        callerPhone: v.callerPhone?.trim() || undefined,
        description: v.description,
        handled: v.handled || undefined,
        actionTaken: v.actionTaken?.trim() || undefined,
        dispatchedTo: v.kind === 'control_room' ? v.dispatchedTo : undefined,
        dispatchedAt: v.kind === 'control_room' && v.dispatchedTo ? (v.dispatchedAt ?? v.occurredAt).toISOString() : undefined,
      },
      {
        onSuccess: () => {
          void message.success(t('duty.logged'));
          form.resetFields();
          form.setFieldsValue({ kind: v.kind, occurredAt: dayjs() });
        },
        onError: (err) => void applyFieldErrors(form, err),
      },
    );
  };

  const doConvert = async () => {
    const v = await validForm(convertForm);
    if (!v || !converting) return;
    convert.mutate(
      { id: converting.id, body: { type: v.type, categoryId: v.categoryId, priority: v.priority } },
      {
        onSuccess: (r) => {
          void message.success(t('duty.converted', { number: r.ticket.number }));
          setConverting(null);
        },
        onError: (err) => void applyFieldErrors(convertForm, err),
      },
    );
  };

  const doHandle = async () => {
    const v = await validForm(handleForm);
    if (!v || !handling) return;
    handle.mutate(
      { id: handling.id, actionTaken: v.actionTaken },
      {
        onSuccess: () => setHandling(null),
        onError: (err) => void applyFieldErrors(handleForm, err),
      },
    );
  };

  const columns: TableColumnsType<LogEntry> = [
    {
      title: t('duty.occurredAt'),
      dataIndex: 'occurredAt',
      width: 130,
      render: (v: string, r) => (
        <Flex vertical>
          <span>{dayjs(v).format('MM-DD HH:mm')}</span>
          {r.night && <Tag color="geekblue">{t('duty.night')}</Tag>}
        </Flex>
      ),
    },
    { title: t('duty.kind'), dataIndex: 'kind', width: 90, render: (v: LogEntry['kind']) => t(`duty.kind.${v}`) },
    {
      title: t('duty.matter'),
      dataIndex: 'description',
      render: (v: string, r) => (
        <Flex vertical gap={2}>
          <span>{v}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[r.unitCode, r.callerName, r.callerPhone].filter(Boolean).join(' · ')}
            {r.dispatchedToName ? ` · ${t('duty.dispatchedTo')} ${r.dispatchedToName} ${dayjs(r.dispatchedAt).format('HH:mm')}` : ''}
          </Typography.Text>
          {r.actionTaken && (
            <Typography.Text style={{ fontSize: 12 }}>
              {t('duty.actionTaken')}: {r.actionTaken}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { title: t('duty.recordedBy'), dataIndex: 'recordedByName', width: 100 },
    {
      title: t('duty.status'),
      dataIndex: 'status',
      width: 200,
      render: (_: unknown, r) =>
        r.status === 'converted' ? (
          <Link to={`/tickets/${r.ticketId}`} data-testid={`duty-ticket-${r.id}`}>
            {r.ticketNumber}
          </Link>
        ) : r.status === 'handled' ? (
          <Tag color="green">{t('duty.status.handled')}</Tag>
        ) : (
          <Flex gap={4} wrap align="center">
            {r.overdue && <Tag color="red">{t('duty.overdue')}</Tag>}
            {canLog && can('ticket.create') && (
              <Button
                size="small"
                type="primary"
                data-testid={`duty-convert-${r.id}`}
                onClick={() => {
                  convertForm.setFieldsValue({ type: 'repair', categoryId: undefined, priority: undefined });
                  setConverting(r);
                }}
              >
                {t('duty.convert')}
              </Button>
            )}
            {canLog && (
              <Button size="small" onClick={() => (handleForm.resetFields(), setHandling(r))}>
                {t('duty.markHandled')}
              </Button>
            )}
          </Flex>
        ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      {canLog && (
        <Card size="small" title={t('duty.newEntry')}>
          <Form<EntryForm> form={form} layout="vertical" initialValues={{ kind: 'call', occurredAt: dayjs() }} data-testid="duty-log-form">
            <Flex wrap gap={12}>
              <Form.Item name="kind" label={t('duty.kind')}>
                <Segmented
                  options={(['call', 'visit', ...(isControl ? (['control_room'] as const) : []), 'other'] as const).map((k) => ({
                    value: k,
                    label: t(`duty.kind.${k}`),
                  }))}
                />
              </Form.Item>
              <Form.Item name="occurredAt" label={t('duty.occurredAt')} rules={[{ required: true }]}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="duty-occurred-at" />
              </Form.Item>
              <Form.Item name="unitId" label={t('intake.unit')} style={{ minWidth: 220 }}>
                {projectId ? <UnitPicker projectId={projectId} testId="duty-unit" /> : <span />}
              </Form.Item>
              <Form.Item name="callerName" label={t('duty.callerName')} rules={rulesFrom(entry.callerName)}>
                <Input maxLength={maxLengthOf(entry.callerName)} style={{ width: 120 }} />
              </Form.Item>
              <Form.Item
                name="callerPhone"
                label={t('duty.callerPhone')}
                rules={rulesFrom(entry.callerPhone, { pattern: t('common.invalidPhone') })}
              >
                <Input maxLength={20} style={{ width: 150 }} data-testid="duty-caller-phone" />
              </Form.Item>
            </Flex>
            <Form.Item name="description" label={t('duty.matter')} rules={rulesFrom(entry.description)}>
              <Input.TextArea
                autoSize={{ minRows: 1, maxRows: 4 }}
                maxLength={maxLengthOf(entry.description)}
                data-testid="duty-description"
              />
            </Form.Item>
            {kind === 'control_room' && (
              <Flex wrap gap={12}>
                <Form.Item name="dispatchedTo" label={t('duty.dispatchedTo')} style={{ minWidth: 200 }}>
                  <Select
                    allowClear
                    showSearch={{ optionFilterProp: 'label' }}
                    options={(staff.data ?? []).filter((s) => s.department === 'maintenance').map((s) => ({ value: s.id, label: s.name }))}
                  />
                </Form.Item>
                <Form.Item name="dispatchedAt" label={t('duty.dispatchedAt')}>
                  <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
                </Form.Item>
              </Flex>
            )}
            <Flex wrap gap={12} align="start">
              <Form.Item name="handled" valuePropName="checked">
                <Checkbox>{t('duty.handledOnShift')}</Checkbox>
              </Form.Item>
              {handled && (
                <Form.Item
                  name="actionTaken"
                  rules={[{ required: true, whitespace: true }, ...rulesFrom(entry.actionTaken)]}
                  style={{ flex: 1, minWidth: 240 }}
                >
                  <Input placeholder={t('duty.actionTaken')} maxLength={maxLengthOf(entry.actionTaken)} />
                </Form.Item>
              )}
              <Button type="primary" loading={add.isPending} onClick={() => void submit()} data-testid="duty-log-save">
                {t('duty.addEntry')}
              </Button>
            </Flex>
            {add.isError && <ErrorAlert error={add.error} />}
          </Form>
        </Card>
      )}

      <Card
        size="small"
        title={
          <Segmented
            value={filter}
            onChange={(v) => setFilter(v as 'open' | 'all')}
            options={[
              { value: 'open', label: <span data-testid="duty-queue">{t('duty.queue')}</span> },
              { value: 'all', label: t('duty.allEntries') },
            ]}
          />
        }
      >
        {filter === 'open' && rows.some((r) => r.overdue) && (
          <Alert type="warning" showIcon title={t('duty.queueOverdue')} style={{ marginBottom: 8 }} />
        )}
        {log.error ? (
          <LoadError error={log.error} onRetry={() => void log.refetch()} />
        ) : (
          <Table<LogEntry>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={rows}
            loading={log.isLoading}
            pagination={false}
            scroll={{ x: 760 }}
            data-testid="duty-log"
            rowClassName={(r) => (r.overdue ? 'gj-row-overdue' : '')}
          />
        )}
        {log.hasNextPage && (
          <Button block onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage} style={{ marginTop: 8 }}>
            {t('common.loadMore')}
          </Button>
        )}
      </Card>

      <Modal
        open={!!converting}
        title={t('duty.convertTitle')}
        okText={t('duty.convert')}
        cancelText={t('common.cancel')}
        onOk={() => void doConvert()}
        onCancel={() => setConverting(null)}
        confirmLoading={convert.isPending}
        okButtonProps={testId<ButtonProps>('duty-convert-ok')}
        destroyOnHidden
      >
        {converting && (
          <Typography.Paragraph>
            {dayjs(converting.occurredAt).format('YYYY-MM-DD HH:mm')} · {converting.description}
            <br />
            <Typography.Text type="secondary">{t('duty.convertNote')}</Typography.Text>
          </Typography.Paragraph>
        )}
        <Form form={convertForm} layout="vertical">
          <Form.Item name="type" label={t('tickets.type')} rules={[{ required: true }]}>
            <Segmented options={ticketTypes.map((x) => ({ value: x, label: t(`ticketType.${x}`) }))} />
          </Form.Item>
          <Form.Item name="categoryId" label={t('intake.category')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={(categories.data ?? [])
                .filter((c) => c.parent)
                .map((c) => ({ value: c.code, label: categoryLabel(categories.data, c.code, locale) }))}
            />
          </Form.Item>
          <Form.Item name="priority" label={t('tickets.priority')}>
            <Segmented options={ticketPriorities.map((x) => ({ value: x, label: t(`priority.${x}`) }))} />
          </Form.Item>
        </Form>
        {convert.isError && <ErrorAlert error={convert.error} />}
      </Modal>

      <Modal
        open={!!handling}
        title={t('duty.markHandled')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        onOk={() => void doHandle()}
        onCancel={() => setHandling(null)}
        confirmLoading={handle.isPending}
        destroyOnHidden
      >
        <Form form={handleForm} layout="vertical">
          <Form.Item name="actionTaken" label={t('duty.actionTaken')} rules={rulesFrom(handleBody.shape.actionTaken)}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={maxLengthOf(handleBody.shape.actionTaken)} />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
