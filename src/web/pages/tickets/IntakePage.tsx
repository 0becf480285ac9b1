import { BulbOutlined, CheckCircleFilled, FireFilled, SendOutlined, ThunderboltOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Radio,
  Row,
  Segmented,
  Select,
  Space,
  Switch,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import {
  ticketChannels,
  ticketPriorities,
  ticketTypes,
  type TicketChannel,
  type TicketPriority,
  type TicketType,
} from '../../../shared/enums.ts';
import { ticketCreate } from '../../../shared/tickets.ts';
import {
  newIdempotencyKey,
  useCategories,
  useCreateTicket,
  usePublicPlaces,
  useSuggestion,
  type CategoryItem,
  type TicketCreateInput,
} from '../../api/desk.ts';
import { useUnit } from '../../api/hooks.ts';
import { applyFieldErrors, ErrorAlert, validForm } from '../../components/errors.tsx';
import { maxLengthOf, rulesFrom } from '../../components/formRules.ts';
import { RelationTag } from '../../components/labels.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useStaff } from '../../components/ProjectContext.tsx';
import { categoryLabel } from '../../components/ticketLabels.tsx';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { useDebounced } from '../../components/useDebounced.ts';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { useI18n, type Locale } from '../../i18n/index.tsx';

interface IntakeForm {
  description: string;
  type?: TicketType;
  categoryId?: string;
  priority: TicketPriority;
  channel: TicketChannel;
  where: 'unit' | 'common';
  unitId?: number;
  publicPlaceId?: number;
  customerId?: number;
  contactName?: string;
  contactPhone?: string;
  backfill: boolean;
  receivedAt?: Dayjs;
  written: boolean;
  paid: boolean;
  severe: boolean;
  appointmentAt?: Dayjs;
  answer?: string;
}

/** Types that can be answered and closed at the desk (the server's rule for resolveNow). */
/** The limits of the form are those of POST /api/tickets. */
const input = ticketCreate.shape;
const closableAtDesk: TicketType[] = ['inquiry', 'help', 'suggestion', 'praise'];
const FIELDS = [
  'description',
  'type',
  'categoryId',
  'priority',
  'channel',
  'unitId',
  'publicPlaceId',
  'customerId',
  'contactName',
  'contactPhone',
  'receivedAt',
];

export function categoryTree(items: CategoryItem[], locale: Locale) {
  type Node = { value: string; title: string; children: Node[] };
  const nodes = new Map<string, Node>(
    items.map((c) => [c.code, { value: c.code, title: categoryLabel(items, c.code, locale), children: [] }]),
  );
  const roots: Node[] = [];
  for (const c of items) {
    const node = nodes.get(c.code)!;
    const parent = c.parent ? nodes.get(c.parent) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** 受理登记: the desk's intake form, built for the speed of a phone call — the description first. */
export default function IntakePage() {
  const { t, locale } = useI18n();
  const { projectId, project } = useStaff();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [form] = Form.useForm<IntakeForm>();
  const create = useCreateTicket();
  const categories = useCategories();
  const places = usePublicPlaces(projectId);
  // One key per submission: kept across retries of the same submission, renewed after success.
  const submissionKey = useRef(newIdempotencyKey());
  const [answering, setAnswering] = useState(false);

  const description = Form.useWatch('description', form) ?? '';
  const type = Form.useWatch('type', form);
  const categoryId = Form.useWatch('categoryId', form);
  const priority = Form.useWatch('priority', form);
  const where = Form.useWatch('where', form) ?? 'unit';
  const unitId = Form.useWatch('unitId', form);
  const customerId = Form.useWatch('customerId', form);
  const backfill = Form.useWatch('backfill', form);
  const settled = useDebounced(description.trim(), 450);
  const suggestion = useSuggestion(projectId, settled);
  const unit = useUnit(unitId ?? 0);
  const s = settled.length >= 2 ? suggestion.data : undefined;

  const tree = useMemo(() => categoryTree(categories.data ?? [], locale), [categories.data, locale]);
  const occupants = (unit.data?.occupants ?? []).filter((o) => !o.moveOutDate);
  const pickedOccupant = occupants.find((o) => o.customerId === customerId);
  const applied = !!s && type === s.type && (s.categoryId ?? undefined) === categoryId && priority === s.priority;

  const applySuggestion = (part?: 'type' | 'category' | 'priority') => {
    if (!s) return;
    if (!part || part === 'type') form.setFieldValue('type', s.type);
    if ((!part || part === 'category') && s.categoryId) form.setFieldValue('categoryId', s.categoryId);
    if (!part || part === 'priority') form.setFieldValue('priority', s.priority);
    if (part === 'type' || !part) void form.validateFields(['type']).catch(() => undefined);
  };

  const reset = () => {
    form.resetFields();
    setAnswering(false);
    create.reset();
  };

  const submit = async (closeNow: boolean) => {
    const v = await validForm(form);
    if (!v || !projectId) return;
    const body: TicketCreateInput = {
      projectId,
      type: v.type!,
      channel: v.channel,
      description: v.description.trim(),
      priority: v.priority,
      categoryId: v.categoryId || undefined,
      unitId: v.where === 'unit' ? v.unitId : undefined,
      publicPlaceId: v.where === 'common' ? v.publicPlaceId : undefined,
      customerId: v.where === 'unit' ? v.customerId : undefined,
      contactName: v.contactName?.trim() || undefined,
      contactPhone: v.contactPhone?.trim() || undefined,
      receivedAt: v.backfill && v.receivedAt ? v.receivedAt.second(0).millisecond(0).toISOString() : undefined,
      written: v.written || v.channel === 'written' || undefined,
      paid: v.paid || undefined,
      severe: v.severe || undefined,
      appointmentAt: v.appointmentAt ? v.appointmentAt.toISOString() : undefined,
      resolveNow: closeNow ? v.answer?.trim() : undefined,
    };
    create.mutate(
      { body, key: submissionKey.current },
      {
        onSuccess: (ticket) => {
          submissionKey.current = newIdempotencyKey();
          void message.success(
            closeNow ? t('intake.closedNow', { number: ticket.number }) : t('intake.created', { number: ticket.number }),
          );
          navigate(`/tickets/${ticket.id}?projectId=${ticket.projectId}`);
        },
        onError: (err) => void applyFieldErrors(form, err, FIELDS),
      },
    );
  };

  if (!projectId) {
    return (
      <>
        <PageHeader title={t('intake.title')} />
        <Card>
          <Empty description={t('intake.noProject')} />
        </Card>
      </>
    );
  }

  const suggestionCard = (
    <div className="gj-suggest" data-testid="suggestion">
      <Flex align="center" justify="space-between" wrap gap={8}>
        <Space size={6} wrap>
          <BulbOutlined style={{ color: '#d48806' }} />
          <Typography.Text strong>{t('intake.suggestion')}</Typography.Text>
          {!s && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('intake.suggestionHint')}
            </Typography.Text>
          )}
          {s && (
            <>
              <Tag.CheckableTag
                checked={type === s.type}
                onChange={() => applySuggestion('type')}
                data-testid="suggest-type"
                className="gj-chip"
              >
                {t(`ticketType.${s.type}`)}
              </Tag.CheckableTag>
              {s.categoryId && (
                <Tag.CheckableTag
                  checked={categoryId === s.categoryId}
                  onChange={() => applySuggestion('category')}
                  data-testid="suggest-category"
                  className="gj-chip"
                >
                  {categoryLabel(categories.data, s.categoryId, locale)}
                </Tag.CheckableTag>
              )}
              <Tag.CheckableTag
                checked={priority === s.priority}
                onChange={() => applySuggestion('priority')}
                data-testid="suggest-priority"
                className="gj-chip"
              >
                {t(`priority.${s.priority}`)}
              </Tag.CheckableTag>
            </>
          )}
        </Space>
        {s && (
          <Button
            size="small"
            type={applied ? 'default' : 'primary'}
            icon={applied ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : <ThunderboltOutlined />}
            onClick={() => applySuggestion()}
            data-testid="suggest-apply"
          >
            {t('intake.apply')}
          </Button>
        )}
      </Flex>
      {s?.major && (
        <Alert
          type="error"
          showIcon
          icon={<FireFilled />}
          style={{ marginTop: 10 }}
          title={t('intake.majorDetected')}
          data-testid="suggest-major"
        />
      )}
    </div>
  );

  return (
    <>
      <PageHeader title={t('intake.title')} subtitle={`${project?.name ?? ''} · ${t('intake.subtitle')}`} />
      <Form<IntakeForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ priority: 'normal', channel: 'phone', where: 'unit', backfill: false, written: false, paid: false, severe: false }}
        onValuesChange={(changed: Partial<IntakeForm>) => {
          if ('unitId' in changed) form.setFieldsValue({ customerId: undefined, contactName: undefined });
          if (changed.type && !closableAtDesk.includes(changed.type)) setAnswering(false);
        }}
        data-testid="intake-form"
      >
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <Card styles={{ body: { padding: isMobile ? 12 : 20 } }}>
              <Form.Item
                name="description"
                label={t('intake.description')}
                rules={rulesFrom(input.description, { required: t('intake.descriptionRequired'), min: t('intake.descriptionRequired') })}
                style={{ marginBottom: 12 }}
              >
                <Input.TextArea
                  autoFocus
                  autoSize={{ minRows: 4, maxRows: 10 }}
                  maxLength={maxLengthOf(input.description)}
                  placeholder={t('intake.descriptionPlaceholder')}
                  data-testid="intake-description"
                />
              </Form.Item>
              {suggestionCard}
              <Form.Item
                name="type"
                label={t('intake.type')}
                rules={[{ required: true, message: t('common.required') }]}
                style={{ marginTop: 16 }}
              >
                <Radio.Group optionType="button" buttonStyle="solid" block={isMobile} className="gj-type-group" data-testid="intake-type">
                  {ticketTypes.map((x) => (
                    <Radio.Button key={x} value={x}>
                      <span data-testid={`type-${x}`}>{t(`ticketType.${x}`)}</span>
                    </Radio.Button>
                  ))}
                </Radio.Group>
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} md={14}>
                  <Form.Item name="categoryId" label={t('intake.category')}>
                    <TreeSelect
                      treeData={tree}
                      allowClear
                      showSearch
                      treeNodeFilterProp="title"
                      placeholder={t('intake.categoryPlaceholder')}
                      loading={categories.isPending}
                      treeDefaultExpandAll={false}
                      data-testid="intake-category"
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={10}>
                  <Form.Item name="priority" label={t('intake.priority')}>
                    <Segmented
                      block
                      options={ticketPriorities.map((p) => ({
                        value: p,
                        label: <span data-testid={`priority-${p}`}>{t(`priority.${p}`)}</span>,
                      }))}
                    />
                  </Form.Item>
                </Col>
              </Row>
              {answering && (
                <Form.Item
                  name="answer"
                  label={t('intake.answer')}
                  rules={[{ required: true, whitespace: true, message: t('intake.answerRequired') }, ...rulesFrom(input.resolveNow)]}
                >
                  <Input.TextArea
                    autoSize={{ minRows: 2, maxRows: 6 }}
                    maxLength={maxLengthOf(input.resolveNow)}
                    placeholder={t('intake.answerPlaceholder')}
                    data-testid="intake-answer"
                    autoFocus
                  />
                </Form.Item>
              )}
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card styles={{ body: { padding: isMobile ? 12 : 20 } }}>
              <Form.Item name="channel" label={t('intake.channel')}>
                <Select
                  options={ticketChannels.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
                  data-testid="intake-channel"
                  onChange={(c: TicketChannel) => {
                    if (c === 'written') form.setFieldValue('written', true);
                    if (c === 'night_duty' || c === 'control_room') form.setFieldValue('backfill', true);
                  }}
                />
              </Form.Item>
              <Form.Item name="where" label={t('intake.location')} style={{ marginBottom: 8 }}>
                <Segmented
                  options={[
                    { value: 'unit', label: t('intake.inUnit') },
                    { value: 'common', label: t('intake.inCommon') },
                  ]}
                />
              </Form.Item>
              {where === 'unit' ? (
                <>
                  <Form.Item name="unitId" style={{ marginBottom: 12 }}>
                    <UnitPicker projectId={projectId} testId="intake-unit" />
                  </Form.Item>
                  {unitId && (
                    <Form.Item name="customerId" label={t('intake.caller')} extra={occupants.length ? t('intake.occupantHint') : undefined}>
                      {unit.isPending ? (
                        <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>
                      ) : occupants.length === 0 ? (
                        <Typography.Text type="secondary">{t('intake.noOccupants')}</Typography.Text>
                      ) : (
                        <Radio.Group
                          onChange={(e) => {
                            const o = occupants.find((x) => x.customerId === e.target.value);
                            if (o) form.setFieldsValue({ contactName: o.name });
                          }}
                          style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
                          data-testid="intake-occupants"
                        >
                          {occupants.map((o) => (
                            <Radio key={o.occupancyId} value={o.customerId} data-testid="intake-occupant">
                              <Space size={6}>
                                <span>{o.name}</span>
                                <RelationTag relation={o.relation} />
                                <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
                                  {o.phone ?? '—'}
                                </Typography.Text>
                              </Space>
                            </Radio>
                          ))}
                        </Radio.Group>
                      )}
                    </Form.Item>
                  )}
                </>
              ) : (
                <Form.Item name="publicPlaceId">
                  <Select
                    allowClear
                    showSearch={{ optionFilterProp: 'label' }}
                    placeholder={t('intake.publicPlacePlaceholder')}
                    loading={places.isPending}
                    options={(places.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
                    data-testid="intake-public-place"
                  />
                </Form.Item>
              )}
              <Row gutter={12}>
                <Col span={10}>
                  <Form.Item name="contactName" label={t('intake.contactName')} rules={rulesFrom(input.contactName)}>
                    <Input maxLength={maxLengthOf(input.contactName)} data-testid="intake-contact-name" />
                  </Form.Item>
                </Col>
                <Col span={14}>
                  <Form.Item
                    name="contactPhone"
                    label={t('intake.contactPhone')}
                    rules={rulesFrom(input.contactPhone, { pattern: t('common.invalidPhone') })}
                  >
                    <Input
                      inputMode="tel"
                      maxLength={20}
                      placeholder={pickedOccupant?.phone ?? undefined}
                      data-testid="intake-contact-phone"
                    />
                  </Form.Item>
                </Col>
              </Row>
              {pickedOccupant && (
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: -16, marginBottom: 12 }}>
                  {t('intake.contactPhoneHint')}
                </Typography.Text>
              )}
              <Flex align="center" gap={8} style={{ marginBottom: backfill ? 8 : 16 }}>
                <Form.Item name="backfill" valuePropName="checked" noStyle>
                  <Switch size="small" data-testid="intake-backfill" />
                </Form.Item>
                <Typography.Text>{t('intake.backfill')}</Typography.Text>
              </Flex>
              {backfill && (
                <Form.Item
                  name="receivedAt"
                  label={t('intake.receivedAt')}
                  extra={t('intake.backfillHint')}
                  rules={[{ required: true, message: t('intake.receivedAtRequired') }]}
                >
                  <DatePicker
                    showTime={{ format: 'HH:mm' }}
                    format="YYYY-MM-DD HH:mm"
                    style={{ width: '100%' }}
                    disabledDate={(d) => d.isAfter(dayjs().endOf('day')) || d.isBefore(dayjs().subtract(1, 'year'))}
                    data-testid="intake-received-at"
                  />
                </Form.Item>
              )}
              <Flex wrap gap={16} style={{ marginBottom: 12 }}>
                <Form.Item name="written" valuePropName="checked" noStyle>
                  <Checkbox data-testid="intake-written">{t('intake.written')}</Checkbox>
                </Form.Item>
                <Form.Item name="paid" valuePropName="checked" noStyle>
                  <Checkbox>{t('intake.paid')}</Checkbox>
                </Form.Item>
                {where === 'common' && (
                  <Form.Item name="severe" valuePropName="checked" noStyle>
                    <Checkbox>{t('intake.severe')}</Checkbox>
                  </Form.Item>
                )}
              </Flex>
              {type === 'repair' && (
                <Form.Item name="appointmentAt" label={t('intake.appointment')}>
                  <DatePicker
                    showTime={{ format: 'HH:mm', minuteStep: 15 }}
                    format="YYYY-MM-DD HH:mm"
                    style={{ width: '100%' }}
                    disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
                  />
                </Form.Item>
              )}
            </Card>
          </Col>
        </Row>
        {create.isError && <ErrorAlert error={create.error} style={{ marginTop: 16 }} />}
        <div className="gj-intake-actions">
          <Button onClick={reset}>{t('intake.reset')}</Button>
          {type && closableAtDesk.includes(type) && (
            <Button
              icon={<CheckCircleFilled />}
              onClick={() => (answering ? void submit(true) : setAnswering(true))}
              loading={create.isPending && answering}
              data-testid="intake-answer-close"
            >
              {t('intake.answerNow')}
            </Button>
          )}
          <Button
            type="primary"
            icon={<SendOutlined />}
            onClick={() => void submit(false)}
            loading={create.isPending && !answering}
            data-testid="intake-submit"
          >
            {t('intake.submit')}
          </Button>
        </div>
      </Form>
    </>
  );
}
