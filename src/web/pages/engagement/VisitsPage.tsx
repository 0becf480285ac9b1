import { CameraOutlined, MinusCircleOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Form,
  Image,
  Input,
  Modal,
  Progress,
  Select,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import { testId } from '../../components/testId.ts';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { visitCreate, visitRecord, visitRequestInput } from '../../../shared/engagement.ts';
import { contactMethods, ticketTypes, visitKinds, type ContactMethod, type TicketType, type VisitKind } from '../../../shared/enums.ts';
import {
  useQuotas,
  useVisit,
  useVisitMutations,
  useVisitPlan,
  useVisits,
  type QuotaRow,
  type VisitDetail,
  type VisitPlanItem,
  type VisitView,
} from '../../api/engagement.ts';
import { applyFieldErrors, errorText, LoadError, validForm } from '../../components/errors.tsx';
import { maxLengthOf, rulesFrom } from '../../components/formRules.ts';
import { formatDate, formatDateTime } from '../../components/labels.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PrintArea, printDocument } from '../../components/PrintArea.tsx';
import { useStaff } from '../../components/ProjectContext.tsx';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { useI18n } from '../../i18n/index.tsx';

const statusColor = { planned: 'blue', done: 'green', cancelled: 'default' } as const;

/** 拜访/走访: quota progress, the households due, appointments and the visit record form. */
export default function VisitsPage() {
  const { t } = useI18n();
  const { projectId, project, can } = useStaff();
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const monthText = month.format('YYYY-MM');
  const [creating, setCreating] = useState<{ unitId?: number; customerId?: number } | null>(null);
  // A ticket raised on a visit links here with ?visit=<id>.
  const [params] = useSearchParams();
  const [openId, setOpenId] = useState<number | null>(Number(params.get('visit')) || null);
  const canRecord = can('visit.record');

  return (
    <>
      <PageHeader
        title={t('engage.visits.title')}
        subtitle={project?.name}
        extra={
          <Flex gap={8} wrap>
            <DatePicker picker="month" allowClear={false} value={month} onChange={(v) => v && setMonth(v)} data-testid="visit-month" />
            {canRecord && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating({})} data-testid="visit-new">
                {t('engage.visits.new')}
              </Button>
            )}
          </Flex>
        }
      />
      <Tabs
        items={[
          { key: 'quota', label: t('engage.visits.quotaTab'), children: <QuotaTable projectId={projectId} month={monthText} /> },
          {
            key: 'plan',
            label: t('engage.visits.planTab'),
            children: (
              <PlanTable
                projectId={projectId}
                onVisit={canRecord ? (p) => setCreating({ unitId: p.unitId, customerId: p.customerId ?? undefined }) : undefined}
              />
            ),
          },
          {
            key: 'list',
            label: t('engage.visits.listTab'),
            children: <VisitList projectId={projectId} month={monthText} onOpen={setOpenId} />,
          },
        ]}
      />
      {creating && projectId && (
        <NewVisitModal
          projectId={projectId}
          initial={creating}
          onClose={() => setCreating(null)}
          onCreated={(v) => {
            setCreating(null);
            setOpenId(v.id);
          }}
        />
      )}
      <VisitDrawer id={openId} onClose={() => setOpenId(null)} />
    </>
  );
}

function QuotaTable({ projectId, month }: { projectId: number | undefined; month: string }) {
  const { t } = useI18n();
  const quotas = useQuotas(projectId, month);
  const columns: TableColumnsType<QuotaRow> = [
    { title: t('engage.quota.person'), dataIndex: 'staffName' },
    { title: t('engage.quota.rule'), dataIndex: 'rule', render: (_, r) => t(`engage.rule.${r.rule}`) },
    { title: t('engage.quota.period'), dataIndex: 'period', width: 100 },
    {
      title: t('engage.quota.progress'),
      key: 'progress',
      render: (_, r) => (
        <Flex align="center" gap={8} data-testid="quota-row" data-rule={r.rule} data-staff={r.staffName}>
          <span data-testid="quota-text">{t('engage.quota.doneOf', { done: r.done, required: r.required })}</span>
          <Progress
            percent={r.required ? Math.min(100, Math.round((r.done / r.required) * 100)) : 100}
            size="small"
            status={r.met ? 'success' : 'active'}
            style={{ width: 140, margin: 0 }}
          />
        </Flex>
      ),
    },
  ];
  if (quotas.isError) return <LoadError error={quotas.error} onRetry={() => void quotas.refetch()} />;
  return (
    <Card size="small">
      <Alert type="info" showIcon title={t('engage.quota.hint')} style={{ marginBottom: 12 }} />
      <Table<QuotaRow>
        rowKey={(r) => `${r.staffId}-${r.rule}`}
        size="small"
        loading={quotas.isPending}
        columns={columns}
        dataSource={quotas.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={t('engage.quota.empty')} /> }}
      />
    </Card>
  );
}

function PlanTable({ projectId, onVisit }: { projectId: number | undefined; onVisit?: (p: VisitPlanItem) => void }) {
  const { t } = useI18n();
  const plan = useVisitPlan(projectId);
  const columns: TableColumnsType<VisitPlanItem> = [
    { title: t('engage.visit.unit'), dataIndex: 'unitCode', render: (_, p) => `${p.unitCode} · ${p.buildingName}` },
    { title: t('engage.visit.customer'), dataIndex: 'customerName', render: (v: string | null) => v ?? '—' },
    { title: t('engage.plan.lastVisit'), dataIndex: 'lastVisitDate', render: (v: string | null) => v ?? t('engage.plan.never') },
    { title: t('engage.plan.thisYear'), dataIndex: 'visitsThisYear', width: 90 },
    ...(onVisit
      ? [
          {
            key: 'go',
            width: 110,
            render: (_: unknown, p: VisitPlanItem) => (
              <Button size="small" onClick={() => onVisit(p)} data-testid="plan-visit">
                {t('engage.plan.visit')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  if (plan.isError) return <LoadError error={plan.error} onRetry={() => void plan.refetch()} />;
  return (
    <Card size="small">
      <Alert type="info" showIcon title={t('engage.plan.hint')} style={{ marginBottom: 12 }} />
      <Table<VisitPlanItem>
        rowKey="unitId"
        size="small"
        loading={plan.isPending}
        columns={columns}
        dataSource={plan.data ?? []}
        pagination={false}
      />
    </Card>
  );
}

function VisitList({ projectId, month, onOpen }: { projectId: number | undefined; month: string; onOpen: (id: number) => void }) {
  const { t } = useI18n();
  const list = useVisits(projectId, month);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const columns: TableColumnsType<VisitView> = [
    {
      title: t('engage.visit.when'),
      key: 'when',
      render: (_, v) =>
        v.visitedAt ? formatDateTime(v.visitedAt) : v.plannedAt ? `${t('engage.visit.planned')} ${formatDateTime(v.plannedAt)}` : '—',
    },
    {
      title: t('engage.visit.kind'),
      dataIndex: 'kind',
      render: (_, v) => `${t(`engage.kind.${v.kind}`)} · ${t(`engage.method.${v.method}`)}`,
    },
    { title: t('engage.visit.unit'), dataIndex: 'unitCode', render: (v: string | null) => v ?? '—' },
    { title: t('engage.visit.customer'), dataIndex: 'customerName', render: (v: string | null) => v ?? '—' },
    { title: t('engage.visit.staff'), dataIndex: 'staffName' },
    {
      title: t('engage.visit.status'),
      dataIndex: 'status',
      render: (_, v) => (
        <Flex gap={4}>
          <Tag color={statusColor[v.status]}>{t(`engage.status.${v.status}`)}</Tag>
          {v.photoCount > 0 && <CameraOutlined />}
        </Flex>
      ),
    },
    {
      key: 'open',
      width: 90,
      render: (_, v) => (
        <Button size="small" onClick={() => onOpen(v.id)} data-testid="visit-open">
          {t('common.details')}
        </Button>
      ),
    },
  ];
  if (list.isError) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Card size="small">
      <Table<VisitView> rowKey="id" size="small" loading={list.isPending} columns={columns} dataSource={rows} pagination={false} />
      {list.hasNextPage && (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </Flex>
      )}
    </Card>
  );
}

interface NewVisitForm {
  kind: VisitKind;
  method: ContactMethod;
  unitId?: number;
  plannedAt?: Dayjs;
  purpose?: string;
}

/** Books an appointment (with a time) or opens a visit to record now. */
function NewVisitModal({
  projectId,
  initial,
  onClose,
  onCreated,
}: {
  projectId: number;
  initial: { unitId?: number; customerId?: number };
  onClose: () => void;
  onCreated: (v: VisitDetail) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewVisitForm>();
  const { create } = useVisitMutations();
  const submit = async () => {
    const v = await validForm(form);
    if (!v) return;
    create.mutate(
      {
        projectId,
        kind: v.kind,
        method: v.method,
        unitId: v.unitId,
        customerId: v.unitId === initial.unitId ? initial.customerId : undefined,
        plannedAt: v.plannedAt ? v.plannedAt.toISOString() : undefined,
        purpose: v.purpose || undefined,
      },
      {
        onSuccess: (visit) => {
          void message.success(t('common.saved'));
          onCreated(visit);
        },
        onError: (err) => {
          if (!applyFieldErrors(form, err).length) void message.error(errorText(t, err));
        },
      },
    );
  };
  return (
    <Modal
      open
      title={t('engage.visits.new')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={create.isPending}
      okButtonProps={testId<ButtonProps>('visit-create-ok')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'household', method: 'in_person', unitId: initial.unitId }}>
        <Form.Item name="kind" label={t('engage.visit.kind')} rules={[{ required: true }]}>
          <Select options={visitKinds.map((k) => ({ value: k, label: t(`engage.kind.${k}`) }))} data-testid="visit-kind" />
        </Form.Item>
        <Form.Item name="method" label={t('engage.visit.method')} rules={[{ required: true }]}>
          <Select options={contactMethods.map((k) => ({ value: k, label: t(`engage.method.${k}`) }))} />
        </Form.Item>
        <Form.Item noStyle dependencies={['kind']}>
          {() => (
            <Form.Item
              name="unitId"
              label={t('engage.visit.unit')}
              rules={[{ required: form.getFieldValue('kind') === 'household', message: t('engage.visit.unitRequired') }]}
            >
              <UnitPicker projectId={projectId} testId="visit-unit" />
            </Form.Item>
          )}
        </Form.Item>
        <Form.Item name="plannedAt" label={t('engage.visit.plannedAt')} extra={t('engage.visit.plannedHint')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="purpose" label={t('engage.visit.purpose')} rules={rulesFrom(visitCreate.shape.purpose)}>
          <Input maxLength={maxLengthOf(visitCreate.shape.purpose)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface RecordForm {
  opinions: string;
  explanations?: string;
  escalated?: string;
  requests?: { description: string; ticketType?: TicketType }[];
}

/** 拜访客户登记记录表: the form filled in after the visit. */
function RecordModal({ visit, onClose }: { visit: VisitDetail; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<RecordForm>();
  const { record } = useVisitMutations();
  const submit = async () => {
    const v = await validForm(form);
    if (!v) return;
    record.mutate(
      {
        id: visit.id,
        opinions: v.opinions,
        explanations: v.explanations || undefined,
        escalated: v.escalated || undefined,
        requests: (v.requests ?? [])
          .filter((r) => r?.description)
          .map((r) => ({ description: r.description, ticketType: r.ticketType || undefined })),
      },
      {
        onSuccess: (done) => {
          const tickets = done.requests.filter((r) => r.ticketNumber).length;
          void message.success(tickets ? t('engage.record.savedTickets', { count: tickets }) : t('common.saved'));
          onClose();
        },
        onError: (err) => {
          if (!applyFieldErrors(form, err).length) void message.error(errorText(t, err));
        },
      },
    );
  };
  return (
    <Modal
      open
      width={680}
      title={t('engage.record.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={record.isPending}
      okButtonProps={testId<ButtonProps>('record-ok')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="opinions" label={t('engage.record.opinions')} rules={rulesFrom(visitRecord.shape.opinions)}>
          <Input.TextArea rows={3} maxLength={maxLengthOf(visitRecord.shape.opinions)} data-testid="record-opinions" />
        </Form.Item>
        <Form.Item name="explanations" label={t('engage.record.explanations')} rules={rulesFrom(visitRecord.shape.explanations)}>
          <Input.TextArea rows={2} maxLength={maxLengthOf(visitRecord.shape.explanations)} />
        </Form.Item>
        <Form.Item name="escalated" label={t('engage.record.escalated')} rules={rulesFrom(visitRecord.shape.escalated)}>
          <Input.TextArea rows={2} maxLength={maxLengthOf(visitRecord.shape.escalated)} />
        </Form.Item>
        <Typography.Text strong>{t('engage.record.requests')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('engage.record.requestsHint')}
        </Typography.Paragraph>
        <Form.List name="requests">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="start">
                  <Form.Item name={[field.name, 'description']} style={{ flex: 1 }} rules={rulesFrom(visitRequestInput.shape.description)}>
                    <Input
                      placeholder={t('engage.record.requestText')}
                      maxLength={maxLengthOf(visitRequestInput.shape.description)}
                      data-testid="request-text"
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'ticketType']} style={{ width: 150 }}>
                    <Select
                      allowClear
                      placeholder={t('engage.record.noTicket')}
                      options={ticketTypes.map((k) => ({ value: k, label: t(`ticketType.${k}`) }))}
                      data-testid="request-type"
                    />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('common.remove')} />
                </Flex>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="request-add">
                {t('engage.record.addRequest')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

function VisitDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useI18n();
  const { me } = useStaff();
  const { message } = App.useApp();
  const visit = useVisit(id);
  const { photo, cancel } = useVisitMutations();
  const [recording, setRecording] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const v = visit.data;
  const mine = v?.staffId === me.id;
  return (
    <Drawer open={id !== null} onClose={onClose} size="large" title={t('engage.record.title')} data-testid="visit-drawer">
      {visit.isError && <LoadError error={visit.error} onRetry={() => void visit.refetch()} />}
      {v && (
        <>
          <Flex gap={8} wrap style={{ marginBottom: 12 }}>
            {mine && v.status === 'planned' && (
              <Button type="primary" onClick={() => setRecording(true)} data-testid="visit-record">
                {t('engage.record.fill')}
              </Button>
            )}
            {mine && v.status !== 'cancelled' && (
              <>
                <input
                  ref={input}
                  type="file"
                  accept="image/jpeg,image/png,image/webp"
                  style={{ display: 'none' }}
                  data-testid="visit-photo-input"
                  onChange={(e) => {
                    const file = e.target.files?.[0];
                    if (file) photo.mutate({ id: v.id, file }, { onError: (err) => void message.error(errorText(t, err)) });
                    e.target.value = '';
                  }}
                />
                <Button icon={<CameraOutlined />} loading={photo.isPending} onClick={() => input.current?.click()}>
                  {t('engage.record.addPhoto')}
                </Button>
              </>
            )}
            {mine && v.status === 'planned' && (
              <Button danger onClick={() => cancel.mutate(v.id)} loading={cancel.isPending}>
                {t('engage.visit.cancel')}
              </Button>
            )}
            <Button icon={<PrinterOutlined />} onClick={() => printDocument('visit-record')} data-testid="visit-print">
              {t('engage.record.print')}
            </Button>
          </Flex>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('engage.visit.status')}>
              <Tag color={statusColor[v.status]} data-testid="visit-status">
                {t(`engage.status.${v.status}`)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item
              label={t('engage.visit.kind')}
            >{`${t(`engage.kind.${v.kind}`)} · ${t(`engage.method.${v.method}`)}`}</Descriptions.Item>
            <Descriptions.Item label={t('engage.visit.unit')}>{v.unitCode ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('engage.visit.customer')}>{v.customerName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('engage.visit.staff')}>{v.staffName}</Descriptions.Item>
            <Descriptions.Item label={t('engage.visit.plannedAt')}>{formatDateTime(v.plannedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('engage.visit.visitedAt')}>{formatDateTime(v.visitedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('engage.record.opinions')}>{v.opinions ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('engage.record.explanations')}>{v.explanations ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('engage.record.escalated')}>{v.escalated ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('engage.record.requests')}>
              {v.requests.length === 0
                ? '—'
                : v.requests.map((r) => (
                    <div key={r.id} data-testid="visit-request">
                      {r.description}{' '}
                      {r.ticketId && (
                        <Link to={`/tickets/${r.ticketId}`} data-testid="visit-ticket-link">
                          {r.ticketNumber}
                        </Link>
                      )}
                    </div>
                  ))}
            </Descriptions.Item>
          </Descriptions>
          {v.photos.length > 0 && (
            <Image.PreviewGroup>
              <Flex wrap gap={8} style={{ marginTop: 12 }}>
                {v.photos.map((p) => (
                  <Image key={p.id} src={p.url} width={96} height={96} style={{ objectFit: 'cover' }} alt={p.name} />
                ))}
              </Flex>
            </Image.PreviewGroup>
          )}
          {recording && <RecordModal visit={v} onClose={() => setRecording(false)} />}
          <VisitRecordDocument visit={v} />
        </>
      )}
    </Drawer>
  );
}

/** 拜访客户登记记录表 on A4, with blank lines when the form is printed before the visit. */
function VisitRecordDocument({ visit }: { visit: VisitDetail }) {
  const { t } = useI18n();
  const { me } = useStaff();
  const lines = (text: string | null, height: string) => (
    <td colSpan={3} className="gj-lines" style={{ height, whiteSpace: 'pre-wrap' }}>
      {text ?? ''}
    </td>
  );
  return (
    <PrintArea name="visit-record">
      <div className="gj-doc" data-testid="visit-record-doc">
        <div className="gj-doc-company">{me.companyName}</div>
        <h1>{t('engage.record.title')}</h1>
        <div className="gj-doc-sub">{visit.projectName}</div>
        <table>
          <colgroup>
            <col style={{ width: '32mm' }} />
            <col />
            <col style={{ width: '26mm' }} />
            <col />
          </colgroup>
          <tbody>
            <tr>
              <th>{t('engage.visit.customer')}</th>
              <td>{visit.customerName ?? ''}</td>
              <th>{t('engage.visit.unit')}</th>
              <td>{visit.unitCode ?? ''}</td>
            </tr>
            <tr>
              <th>{t('engage.visit.visitedAt')}</th>
              <td>{visit.visitedAt ? formatDateTime(visit.visitedAt) : visit.plannedAt ? formatDateTime(visit.plannedAt) : ''}</td>
              <th>{t('engage.visit.staff')}</th>
              <td>{visit.staffName}</td>
            </tr>
            <tr>
              <th>{t('engage.visit.kind')}</th>
              <td>{`${t(`engage.kind.${visit.kind}`)} · ${t(`engage.method.${visit.method}`)}`}</td>
              <th>{t('engage.visit.purpose')}</th>
              <td>{visit.purpose ?? ''}</td>
            </tr>
            <tr>
              <th>{t('engage.record.opinions')}</th>
              {lines(visit.opinions, '40mm')}
            </tr>
            <tr>
              <th>{t('engage.record.requests')}</th>
              {lines(
                visit.requests
                  .map(
                    (r, i) => `${i + 1}. ${r.description}${r.ticketNumber ? `（${t('engage.record.ticketNo')} ${r.ticketNumber}）` : ''}`,
                  )
                  .join('\n') || null,
                '35mm',
              )}
            </tr>
            <tr>
              <th>{t('engage.record.explanations')}</th>
              {lines(visit.explanations, '30mm')}
            </tr>
            <tr>
              <th>{t('engage.record.escalated')}</th>
              {lines(visit.escalated, '30mm')}
            </tr>
            <tr>
              <th>{t('engage.record.photos')}</th>
              <td colSpan={3}>{visit.photos.length ? t('engage.record.photoCount', { count: visit.photos.length }) : ''}</td>
            </tr>
          </tbody>
        </table>
        <div className="gj-foot">
          <span>{t('engage.record.customerSign')}：</span>
          <span>{t('engage.record.staffSign')}：</span>
          <span>
            {t('engage.record.date')}：{visit.visitDate ? formatDate(visit.visitDate) : ''}
          </span>
        </div>
      </div>
    </PrintArea>
  );
}
