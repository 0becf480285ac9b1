import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Flex, Form, Input, InputNumber, Modal, Radio, Row, Select, Tooltip, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { satisfactionLevels, type Satisfaction } from '../../../shared/enums.ts';
import type { RoleCode } from '../../../shared/permissions.ts';
import { dispatchTransition, materialInput, pauseTransition, resolveTransition, returnVisitTransition } from '../../../shared/tickets.ts';
import type { TicketAction } from '../../../shared/workflow.ts';
import { ApiError } from '../../api/client.ts';
import { useAssignees, useFeeSchedule, useTransition, type FeeItem, type TicketView, type Transition } from '../../api/desk.ts';
import { useDepartments } from '../../api/hooks.ts';
import { applyFieldErrors, describeError, errorText, validForm } from '../../components/errors.tsx';
import { maxLengthOf, rangeOf, rulesFrom } from '../../components/formRules.ts';
import { testId } from '../../components/testId.ts';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';

/** What the ticket still lacks before a blocked action is possible, in the user's words. */
function blockedReason(field: string): MessageKey {
  return field === 'checklist.report'
    ? 'ticket.blocked.report'
    : field === 'writtenReply'
      ? 'ticket.blocked.writtenReply'
      : 'ticket.blocked.other';
}

type Dialog = 'dispatch' | 'resolve' | 'return_visit' | 'pause' | 'cancel' | 'reopen' | null;

const DIRECT: TicketAction[] = ['accept', 'start', 'resume'];
const ORDER: TicketAction[] = ['accept', 'dispatch', 'start', 'pause', 'resume', 'resolve', 'return_visit', 'reopen', 'cancel'];
const ROLE_CHOICES: RoleCode[] = ['tech', 'security', 'butler', 'frontdesk', 'control', 'supervisor', 'director'];

// The forms' limits are the transition bodies' own.
const resolveInput = resolveTransition.shape;
const serviceInput = resolveInput.services.unwrap().element.shape;

export function TicketActions({ ticket, onStale }: { ticket: TicketView; onStale: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const transition = useTransition(ticket.id);
  const [dialog, setDialog] = useState<Dialog>(null);
  // The server says what this user may do on this ticket now; the page offers exactly that.
  const actions = [...ticket.actions].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  const blocked = ticket.blockedActions.filter((b) => !actions.includes(b.action));

  const run = (body: Transition, after?: () => void, onFieldErrors?: (err: unknown) => boolean) => {
    transition.mutate(
      // Always the version on screen: if someone acted meanwhile the server answers 409.
      { ...body, expectedVersion: ticket.version } as Transition,
      {
        onSuccess: () => {
          void message.success(
            t('ticket.done', {
              action: t(body.action === 'dispatch' && ticket.status === 'dispatched' ? 'action.reassign' : `action.${body.action}`),
            }),
          );
          setDialog(null);
          after?.();
        },
        onError: (err) => {
          if (err instanceof ApiError && err.status === 409) {
            void message.warning({ content: t('ticket.stale'), duration: 6 });
            setDialog(null);
            onStale();
          } else if (!onFieldErrors?.(err)) void message.error(errorText(t, err));
        },
      },
    );
  };

  if (actions.length === 0 && blocked.length === 0) return <Typography.Text type="secondary">{t('ticket.noActions')}</Typography.Text>;

  // The next step of the workflow is the primary button: new work is dispatched, work in progress is resolved …
  const preferred: TicketAction[] = ['return_visit', 'resolve', 'resume', 'start', 'dispatch', 'accept'];
  const next = ticket.status === 'new' || ticket.status === 'accepted' ? ['dispatch', 'accept', 'resolve'] : preferred;
  const primary = (next as TicketAction[]).find((a) => actions.includes(a));

  return (
    <>
      <Flex wrap gap={8} data-testid="ticket-actions">
        {actions.map((a) => (
          <Button
            key={a}
            type={a === primary ? 'primary' : 'default'}
            danger={a === 'cancel'}
            loading={transition.isPending && transition.variables?.action === a && DIRECT.includes(a)}
            onClick={() => (DIRECT.includes(a) ? run({ action: a } as Transition) : setDialog(a as Dialog))}
            data-testid={`action-${a}`}
          >
            {a === 'dispatch' && ticket.status === 'dispatched' ? t('action.reassign') : t(`action.${a}`)}
          </Button>
        ))}
        {blocked.map((b) => (
          <Tooltip key={b.action} title={t(blockedReason(b.field))}>
            <Button disabled data-testid={`action-${b.action}-blocked`}>
              {t(`action.${b.action}`)}
            </Button>
          </Tooltip>
        ))}
      </Flex>
      {dialog === 'dispatch' && (
        <DispatchDialog ticket={ticket} pending={transition.isPending} onCancel={() => setDialog(null)} onSubmit={(b) => run(b)} />
      )}
      {dialog === 'resolve' && (
        <ResolveDialog
          projectId={ticket.projectId}
          pending={transition.isPending}
          onCancel={() => setDialog(null)}
          onSubmit={(b, onError) => run(b, undefined, onError)}
        />
      )}
      {dialog === 'return_visit' && (
        <VisitDialog pending={transition.isPending} onCancel={() => setDialog(null)} onSubmit={(b) => run(b)} />
      )}
      {(dialog === 'pause' || dialog === 'cancel' || dialog === 'reopen') && (
        <ReasonDialog
          action={dialog}
          pending={transition.isPending}
          onCancel={() => setDialog(null)}
          onSubmit={(reason) => run({ action: dialog, reason })}
        />
      )}
    </>
  );
}

function DispatchDialog({
  ticket,
  pending,
  onCancel,
  onSubmit,
}: {
  ticket: TicketView;
  pending: boolean;
  onCancel: () => void;
  onSubmit: (b: Transition) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ role: RoleCode | ''; assigneeId?: number; departmentId?: number; note?: string }>();
  const defaultRole: RoleCode | '' = ticket.type === 'repair' ? 'tech' : ticket.type === 'complaint' ? 'supervisor' : '';
  const role = Form.useWatch('role', form) ?? defaultRole;
  const staff = useAssignees(ticket.projectId, role, true);
  const departments = useDepartments(ticket.projectId);

  const submit = async () => {
    const v = await validForm(form);
    if (!v || !v.assigneeId) return;
    onSubmit({ action: 'dispatch', assigneeId: v.assigneeId, departmentId: v.departmentId, note: v.note?.trim() || undefined });
  };

  return (
    <Modal
      open
      title={ticket.status === 'dispatched' ? t('dispatch.reassignTitle') : t('dispatch.title')}
      onCancel={onCancel}
      onOk={() => void submit()}
      okText={t('common.confirm')}
      confirmLoading={pending}
      okButtonProps={testId<ButtonProps>('dispatch-submit')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ role: defaultRole }} requiredMark={false} data-testid="dispatch-form">
        <Form.Item name="role" label={t('dispatch.role')}>
          <Select
            options={[{ value: '', label: t('dispatch.allRoles') }, ...ROLE_CHOICES.map((r) => ({ value: r, label: t(`role.${r}`) }))]}
            onChange={() => form.setFieldValue('assigneeId', undefined)}
            data-testid="dispatch-role"
          />
        </Form.Item>
        {staff.isError && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('dispatch.cannotList', { detail: describeError(t, staff.error).title })}
          />
        )}
        <Form.Item name="assigneeId" label={t('dispatch.assignee')} rules={[{ required: true, message: t('dispatch.assigneeRequired') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={staff.isPending}
            notFoundContent={staff.isSuccess ? t('dispatch.noStaff') : null}
            options={(staff.data ?? []).map((s) => ({
              value: s.id,
              label: `${s.name}${s.position ? ` · ${s.position}` : ''}${s.departmentName ? ` · ${s.departmentName}` : ''}`,
            }))}
            optionRender={(o) => <span data-testid={`assignee-option-${String(o.value)}`}>{o.label}</span>}
            data-testid="dispatch-assignee"
          />
        </Form.Item>
        <Form.Item name="departmentId" label={t('dispatch.department')}>
          <Select
            allowClear
            options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
            loading={departments.isPending}
          />
        </Form.Item>
        <Form.Item name="note" label={t('dispatch.note')} rules={rulesFrom(dispatchTransition.shape.note)}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={maxLengthOf(dispatchTransition.shape.note)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface ResolveForm {
  resolution: string;
  materials?: { name: string; quantity: number; unit?: string }[];
  services?: { code?: string; quantity?: number }[];
  charge?: number | null;
}

/** ¥ with two decimals: 100 → ¥100.00. */
export function yuan(amount: number): string {
  return `¥${amount.toFixed(2)}`;
}

/** The total of the chosen paid services at the schedule's prices (the server computes the same). */
function servicesTotal(rows: ResolveForm['services'], items: FeeItem[]): number {
  let cents = 0;
  for (const r of rows ?? []) {
    const item = items.find((i) => i.code === r?.code);
    if (item && typeof r?.quantity === 'number' && r.quantity > 0) cents += Math.round(item.price * r.quantity * 100);
  }
  return cents / 100;
}

function ResolveDialog({
  projectId,
  pending,
  onCancel,
  onSubmit,
}: {
  projectId: number;
  pending: boolean;
  onCancel: () => void;
  onSubmit: (b: Transition, onError: (err: unknown) => boolean) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<ResolveForm>();
  const isMobile = useIsMobile();
  const schedule = useFeeSchedule(projectId);
  const items = (schedule.data ?? []).filter((i) => i.active);
  const rows = Form.useWatch('services', form);
  const chosen = (rows ?? []).filter((r) => r?.code);
  const total = servicesTotal(rows, items);
  const submit = async () => {
    const v = await validForm(form);
    if (!v) return;
    const materials = (v.materials ?? [])
      .filter((m) => m?.name?.trim() && m.quantity > 0)
      .map((m) => ({ name: m.name.trim(), quantity: m.quantity, unit: m.unit?.trim() || undefined }));
    const services = (v.services ?? [])
      .filter((r): r is { code: string; quantity: number } => !!r?.code && typeof r.quantity === 'number' && r.quantity > 0)
      .map((r) => ({ code: r.code, quantity: r.quantity }));
    onSubmit(
      {
        action: 'resolve',
        resolution: v.resolution.trim(),
        materials: materials.length ? materials : undefined,
        // With services the server prices the charge from the schedule; a free-typed charge only without them.
        services: services.length ? services : undefined,
        charge: !services.length && typeof v.charge === 'number' && v.charge > 0 ? v.charge : undefined,
      },
      (err) => applyFieldErrors(form, err, ['resolution', 'materials', 'services', 'charge']).length === 0 && hasFields(err),
    );
  };
  return (
    <Modal
      open
      title={t('resolve.title')}
      onCancel={onCancel}
      onOk={() => void submit()}
      okText={t('common.confirm')}
      confirmLoading={pending}
      okButtonProps={testId<ButtonProps>('resolve-submit')}
      width={620}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark={false} data-testid="resolve-form">
        <Form.Item
          name="resolution"
          label={t('resolve.resolution')}
          rules={rulesFrom(resolveInput.resolution, { required: t('resolve.resolutionRequired') })}
        >
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={maxLengthOf(resolveInput.resolution)}
            placeholder={t('resolve.resolutionPlaceholder')}
            data-testid="resolve-resolution"
            autoFocus
          />
        </Form.Item>
        <Typography.Text strong>{t('resolve.materials')}</Typography.Text>
        <Form.List name="materials">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((field) => (
                <Row key={field.key} gutter={8} align="top" data-testid="material-row">
                  <Col flex="auto">
                    <Form.Item
                      name={[field.name, 'name']}
                      rules={rulesFrom(materialInput.shape.name, { required: t('common.required') })}
                      style={{ marginBottom: 8 }}
                    >
                      <Input
                        placeholder={t('resolve.materialName')}
                        maxLength={maxLengthOf(materialInput.shape.name)}
                        data-testid="material-name"
                      />
                    </Form.Item>
                  </Col>
                  <Col flex="96px">
                    <Form.Item
                      name={[field.name, 'quantity']}
                      rules={rulesFrom(materialInput.shape.quantity, { required: t('common.required') })}
                      initialValue={1}
                      style={{ marginBottom: 8 }}
                    >
                      <InputNumber
                        min={0.01}
                        {...rangeOf(materialInput.shape.quantity)}
                        placeholder={t('resolve.quantity')}
                        style={{ width: '100%' }}
                        data-testid="material-quantity"
                      />
                    </Form.Item>
                  </Col>
                  <Col flex="80px">
                    <Form.Item name={[field.name, 'unit']} rules={rulesFrom(materialInput.shape.unit)} style={{ marginBottom: 8 }}>
                      <Input
                        placeholder={t('resolve.unit')}
                        maxLength={maxLengthOf(materialInput.shape.unit)}
                        data-testid="material-unit"
                      />
                    </Form.Item>
                  </Col>
                  <Col flex="32px">
                    <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.remove')} />
                  </Col>
                </Row>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ quantity: 1 })}
                block
                style={{ marginBottom: 16 }}
                data-testid="material-add"
              >
                {t('resolve.addMaterial')}
              </Button>
            </div>
          )}
        </Form.List>
        <Flex justify="space-between" align="baseline" wrap gap={8}>
          <Typography.Text strong>{t('resolve.services')}</Typography.Text>
          {chosen.length > 0 && (
            <Typography.Text data-testid="services-total">
              {t('resolve.servicesTotal')} <Typography.Text strong>{yuan(total)}</Typography.Text>
            </Typography.Text>
          )}
        </Flex>
        {schedule.isError && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 8 }}
            title={t('resolve.scheduleError', { detail: describeError(t, schedule.error).title })}
          />
        )}
        <Form.List name="services">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((field) => {
                const row = rows?.[field.name];
                const item = items.find((i) => i.code === row?.code);
                const amount = item && typeof row?.quantity === 'number' ? servicesTotal([row], items) : null;
                return (
                  <Row key={field.key} gutter={8} align="top" data-testid="service-row">
                    <Col flex="1 1 200px" style={{ minWidth: 0 }}>
                      <Form.Item
                        name={[field.name, 'code']}
                        rules={[{ required: true, message: t('resolve.serviceRequired') }]}
                        style={{ marginBottom: 8 }}
                      >
                        <Select
                          showSearch={{ optionFilterProp: 'label' }}
                          placeholder={t('resolve.servicePlaceholder')}
                          loading={schedule.isPending}
                          notFoundContent={schedule.isSuccess ? t('resolve.noServices') : null}
                          options={items.map((i) => ({ value: i.code, label: `${i.name} ${yuan(i.price)}/${i.unit}` }))}
                          optionRender={(o) => <span data-testid={`service-option-${String(o.value)}`}>{o.label}</span>}
                          data-testid="service-code"
                        />
                      </Form.Item>
                    </Col>
                    <Col flex="96px">
                      <Form.Item
                        name={[field.name, 'quantity']}
                        rules={rulesFrom(serviceInput.quantity, { required: t('common.required') })}
                        initialValue={1}
                        style={{ marginBottom: 8 }}
                      >
                        <InputNumber
                          min={0.01}
                          {...rangeOf(serviceInput.quantity)}
                          placeholder={t('resolve.quantity')}
                          style={{ width: '100%' }}
                          suffix={item?.unit}
                          data-testid="service-quantity"
                        />
                      </Form.Item>
                    </Col>
                    <Col flex={isMobile ? 'auto' : '80px'} style={{ lineHeight: '32px', textAlign: 'end' }} data-testid="service-amount">
                      {amount !== null ? yuan(amount) : ''}
                    </Col>
                    <Col flex="32px">
                      <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.remove')} />
                    </Col>
                  </Row>
                );
              })}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ quantity: 1 })}
                block
                style={{ marginBottom: 16 }}
                data-testid="service-add"
              >
                {t('resolve.addService')}
              </Button>
            </div>
          )}
        </Form.List>
        {chosen.length === 0 && (
          <Form.Item name="charge" label={t('resolve.charge')} extra={t('resolve.chargeHint')} rules={rulesFrom(resolveInput.charge)}>
            <InputNumber {...rangeOf(resolveInput.charge)} precision={2} prefix="¥" style={{ width: 200 }} data-testid="resolve-charge" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function hasFields(err: unknown): boolean {
  return err instanceof ApiError && err.fields.length > 0;
}

export function VisitDialog({
  pending,
  onCancel,
  onSubmit,
  title,
}: {
  pending: boolean;
  onCancel: () => void;
  onSubmit: (b: Extract<Transition, { action: 'return_visit' }>) => void;
  title?: string;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ satisfaction: Satisfaction; method: 'phone' | 'visit'; comment?: string }>();
  const satisfaction = Form.useWatch('satisfaction', form);
  const submit = async () => {
    const v = await validForm(form);
    if (!v) return;
    onSubmit({ action: 'return_visit', satisfaction: v.satisfaction, method: v.method, comment: v.comment?.trim() || undefined });
  };
  return (
    <Modal
      open
      title={title ?? t('visit.title')}
      onCancel={onCancel}
      onOk={() => void submit()}
      okText={t('common.confirm')}
      confirmLoading={pending}
      okButtonProps={testId<ButtonProps>('visit-submit')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ method: 'phone' }} requiredMark={false} data-testid="visit-form">
        <Form.Item name="satisfaction" label={t('visit.satisfaction')} rules={[{ required: true, message: t('common.required') }]}>
          <Radio.Group optionType="button" buttonStyle="solid">
            {satisfactionLevels.map((s) => (
              <Radio.Button key={s} value={s}>
                <span data-testid={`satisfaction-${s}`}>{t(`satisfaction.${s}`)}</span>
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        {satisfaction === 'dissatisfied' && (
          <Alert type="warning" showIcon title={t('visit.dissatisfiedHint')} style={{ marginBottom: 16 }} />
        )}
        <Form.Item name="method" label={t('visit.method')}>
          <Radio.Group>
            <Radio value="phone">{t('visitMethod.phone')}</Radio>
            <Radio value="visit">{t('visitMethod.visit')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="comment" label={t('visit.comment')} rules={rulesFrom(returnVisitTransition.shape.comment)}>
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 5 }}
            maxLength={maxLengthOf(returnVisitTransition.shape.comment)}
            data-testid="visit-comment"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReasonDialog({
  action,
  pending,
  onCancel,
  onSubmit,
}: {
  action: 'pause' | 'cancel' | 'reopen';
  pending: boolean;
  onCancel: () => void;
  onSubmit: (reason: string) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const placeholder = { pause: t('reason.pausePlaceholder'), cancel: t('reason.cancelPlaceholder'), reopen: t('reason.reopenPlaceholder') }[
    action
  ];
  return (
    <Modal
      open
      title={t(`action.${action}`)}
      onCancel={onCancel}
      onOk={async () => {
        const v = await validForm(form);
        if (v) onSubmit(v.reason.trim());
      }}
      okText={t('common.confirm')}
      okButtonProps={{ danger: action === 'cancel', ...testId<ButtonProps>('reason-submit') }}
      confirmLoading={pending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item
          name="reason"
          label={t('reason.label')}
          rules={rulesFrom(pauseTransition.shape.reason, { required: t('reason.required') })}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 5 }}
            maxLength={maxLengthOf(pauseTransition.shape.reason)}
            placeholder={placeholder}
            autoFocus
            data-testid="reason-input"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
