import { CheckCircleOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Descriptions, Empty, Flex, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { testId } from '../../components/testId.ts';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { handoverCreate, standInCreate } from '../../../shared/duty.ts';
import {
  dutyApi,
  useDutyMutation,
  useDutyStaff,
  useHandovers,
  useProposal,
  useRoster,
  type Assignment,
  type Handover,
} from '../../api/duty.ts';
import { applyFieldErrors, ErrorAlert, errorText, LoadError, validForm } from '../../components/errors.tsx';
import { maxLengthOf, rulesFrom } from '../../components/formRules.ts';
import { PrintArea, printDocument } from '../../components/PrintArea.tsx';
import { useStaff } from '../../components/ProjectContext.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { clock } from './dutyFormat.ts';

/** 工作移交表: my shifts (check in, stand-in, hand over, check out) and the handovers to sign. */
export function HandoverTab() {
  const { t } = useI18n();
  const { projectId, project, me } = useStaff();
  const { message } = App.useApp();
  const from = dayjs().subtract(1, 'day').format('YYYY-MM-DD');
  const to = dayjs().add(1, 'day').format('YYYY-MM-DD');
  const roster = useRoster(projectId, from, to);
  const handovers = useHandovers(projectId);
  const staff = useDutyStaff(projectId);
  const act = useDutyMutation((f: () => Promise<unknown>) => f());
  const [writing, setWriting] = useState<Assignment | null>(null);
  const [standingIn, setStandingIn] = useState<Assignment | null>(null);
  const [signing, setSigning] = useState<{ handover: Handover; side: 'outgoing' | 'incoming' } | null>(null);
  const [printing, setPrinting] = useState<Handover | null>(null);
  const [standForm] = Form.useForm<{ guardId: number; reason: string }>();
  const [signForm] = Form.useForm<{ password: string }>();

  const run = (f: () => Promise<unknown>, ok?: string, onDone?: () => void) =>
    act.mutate(f, {
      onSuccess: () => {
        if (ok) void message.success(ok);
        onDone?.();
      },
      onError: (err) => void message.error(errorText(t, err)),
    });

  const now = Date.now();
  const mine = (roster.data ?? []).filter((a) => a.staffId === me.id && !a.checkOutAt && Date.parse(a.endsAt) > now - 12 * 3_600_000);

  const sign = (h: Handover, side: 'outgoing' | 'incoming') => {
    const signer = side === 'outgoing' ? h.outgoingId : h.incomingId;
    if (signer === me.id) run(() => dutyApi.sign(h.id, { side, expectedVersion: h.version }), t('duty.signed'));
    else {
      signForm.resetFields();
      setSigning({ handover: h, side });
    }
  };

  useEffect(() => {
    if (printing) {
      printDocument('handover');
      const timer = setTimeout(() => setPrinting(null), 1500);
      return () => clearTimeout(timer);
    }
  }, [printing]);

  return (
    <Flex vertical gap={12}>
      <Card size="small" title={t('duty.myShifts')}>
        {roster.error ? (
          <LoadError error={roster.error} />
        ) : mine.length === 0 ? (
          <Empty description={t('duty.noShiftNow')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <Flex vertical gap={8}>
            {mine.map((a) => (
              <Flex key={a.id} wrap gap={8} align="center" data-testid={`duty-my-shift-${a.id}`}>
                <Typography.Text strong>
                  {a.date} {a.shiftName} {clock(a.startsAt)}–{clock(a.endsAt)}
                </Typography.Text>
                {a.checkInAt ? (
                  <Tag color={a.lateMinutes ? 'red' : 'green'}>
                    {t('duty.checkedIn')} {clock(a.checkInAt)}
                    {a.lateMinutes ? ` · ${t('duty.late', { n: a.lateMinutes })}` : ''}
                  </Tag>
                ) : (
                  <Button
                    size="small"
                    type="primary"
                    data-testid={`duty-check-in-${a.id}`}
                    onClick={() => run(() => dutyApi.checkIn(a.id))}
                  >
                    {t('duty.checkIn')}
                  </Button>
                )}
                {a.checkInAt && (
                  <Button size="small" onClick={() => (standForm.resetFields(), setStandingIn(a))}>
                    {t('duty.standIn')}
                  </Button>
                )}
                {a.handoverRequired && !a.handoverId && (
                  <Button size="small" data-testid={`duty-write-handover-${a.id}`} onClick={() => setWriting(a)}>
                    {t('duty.writeHandover')}
                  </Button>
                )}
                {a.handoverId && (
                  <Tag color={a.handoverSigned ? 'green' : 'orange'}>
                    {a.handoverSigned ? t('duty.handoverSigned') : t('duty.handoverUnsigned')}
                  </Tag>
                )}
                {a.checkInAt && (
                  <Button
                    size="small"
                    data-testid={`duty-check-out-${a.id}`}
                    onClick={() => run(() => dutyApi.checkOut(a.id), t('duty.checkedOut'))}
                  >
                    {t('duty.checkOut')}
                  </Button>
                )}
              </Flex>
            ))}
          </Flex>
        )}
      </Card>

      <Card size="small" title={t('duty.handovers')}>
        {handovers.error && <LoadError error={handovers.error} />}
        {(handovers.data ?? []).length === 0 && !handovers.isLoading && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
        <Flex vertical gap={12}>
          {(handovers.data ?? []).map((h) => (
            <Card
              key={h.id}
              size="small"
              type="inner"
              data-testid={`duty-handover-${h.id}`}
              title={
                <Space wrap>
                  <span>
                    {h.shiftDate} {h.shiftName}
                  </span>
                  <span>
                    {h.outgoingName} → {h.incomingName}
                  </span>
                  {h.signed ? (
                    <Tag color="green" icon={<CheckCircleOutlined />}>
                      {t('duty.handoverSigned')}
                    </Tag>
                  ) : (
                    <Tag color={h.flagged ? 'red' : 'orange'}>{h.flagged ? t('duty.handoverFlagged') : t('duty.handoverUnsigned')}</Tag>
                  )}
                </Space>
              }
              extra={
                <Space wrap>
                  {!h.outgoingSignedAt && (
                    <Button size="small" type="primary" data-testid={`duty-sign-outgoing-${h.id}`} onClick={() => sign(h, 'outgoing')}>
                      {t('duty.signOutgoing')}
                    </Button>
                  )}
                  {h.outgoingSignedAt && !h.incomingSignedAt && (
                    <Button size="small" type="primary" data-testid={`duty-sign-incoming-${h.id}`} onClick={() => sign(h, 'incoming')}>
                      {t('duty.signIncoming')}
                    </Button>
                  )}
                  <Button size="small" icon={<PrinterOutlined />} onClick={() => setPrinting(h)}>
                    {t('common.print')}
                  </Button>
                </Space>
              }
            >
              <Descriptions size="small" column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label={t('duty.equipment')}>{h.equipment ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('duty.keys')}>{h.keys ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('duty.records')}>{h.records ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('duty.notes')}>{h.notes ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('duty.signatures')}>
                  {t('duty.outgoing')} {h.outgoingSignedAt ? dayjs(h.outgoingSignedAt).format('MM-DD HH:mm') : '—'} · {t('duty.incoming')}{' '}
                  {h.incomingSignedAt ? dayjs(h.incomingSignedAt).format('MM-DD HH:mm') : '—'}
                </Descriptions.Item>
                {h.standIns.length > 0 && (
                  <Descriptions.Item label={t('duty.standIn')}>
                    {h.standIns
                      .map((s) => `${s.guardName} ${clock(s.startedAt)}–${s.endedAt ? clock(s.endedAt) : ''} ${s.reason}`)
                      .join(';')}
                  </Descriptions.Item>
                )}
              </Descriptions>
              {h.items.length > 0 && (
                <Flex vertical gap={4} style={{ marginTop: 8 }}>
                  <Typography.Text strong>{t('duty.openItems')}</Typography.Text>
                  {h.items.map((i) => (
                    <Flex key={i.id} gap={8} align="center" wrap>
                      <Tag color={i.open ? 'orange' : 'green'}>{i.open ? t('duty.itemOpen') : t('duty.itemDone')}</Tag>
                      <span>{i.description}</span>
                      {i.open && !i.ticketId && (
                        <Button size="small" type="link" onClick={() => run(() => dutyApi.itemDone(i.id))}>
                          {t('duty.markDone')}
                        </Button>
                      )}
                    </Flex>
                  ))}
                </Flex>
              )}
            </Card>
          ))}
        </Flex>
      </Card>

      {writing && <HandoverModal assignment={writing} onClose={() => setWriting(null)} />}

      <Modal
        open={!!standingIn}
        title={t('duty.standInTitle')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        destroyOnHidden
        onCancel={() => setStandingIn(null)}
        onOk={async () => {
          const v = await validForm(standForm);
          if (!v || !standingIn) return;
          act.mutate(() => dutyApi.standIn(standingIn.id, v), {
            onSuccess: () => setStandingIn(null),
            onError: (err) => void applyFieldErrors(standForm, err),
          });
        }}
      >
        <Form form={standForm} layout="vertical">
          <Form.Item name="guardId" label={t('duty.guard')} rules={[{ required: true }]}>
            <Select options={(staff.data ?? []).filter((s) => s.department === 'security').map((s) => ({ value: s.id, label: s.name }))} />
          </Form.Item>
          <Form.Item name="reason" label={t('duty.standInReason')} rules={rulesFrom(standInCreate.shape.reason)}>
            <Input maxLength={maxLengthOf(standInCreate.shape.reason)} />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={!!signing}
        title={
          signing
            ? t('duty.signAs', { name: signing.side === 'outgoing' ? signing.handover.outgoingName : signing.handover.incomingName })
            : ''
        }
        okText={t('duty.sign')}
        cancelText={t('common.cancel')}
        destroyOnHidden
        okButtonProps={testId<ButtonProps>('duty-sign-ok')}
        onCancel={() => setSigning(null)}
        onOk={async () => {
          const v = await validForm(signForm);
          if (!v || !signing) return;
          act.mutate(
            () =>
              dutyApi.sign(signing.handover.id, { side: signing.side, password: v.password, expectedVersion: signing.handover.version }),
            {
              onSuccess: () => {
                void message.success(t('duty.signed'));
                setSigning(null);
              },
              onError: (err) => void applyFieldErrors(signForm, err),
            },
          );
        }}
      >
        <Typography.Paragraph type="secondary">{t('duty.signWithPassword')}</Typography.Paragraph>
        <Form form={signForm} layout="vertical">
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true }]}>
            <Input.Password autoComplete="off" data-testid="duty-sign-password" />
          </Form.Item>
        </Form>
      </Modal>

      {printing && (
        <PrintArea name="handover">
          <div className="gj-doc">
            <div className="gj-doc-company">{project?.name}</div>
            <h1>{t('duty.handoverForm')}</h1>
            <div className="gj-doc-meta">
              <span>
                {printing.shiftDate} {printing.shiftName}
              </span>
              <span>No. {printing.id}</span>
            </div>
            <table>
              <tbody>
                <tr>
                  <th>{t('duty.outgoing')}</th>
                  <td>{printing.outgoingName}</td>
                  <th>{t('duty.incoming')}</th>
                  <td>{printing.incomingName}</td>
                </tr>
                <tr>
                  <th>{t('duty.openItems')}</th>
                  <td colSpan={3}>
                    {printing.items.length ? (
                      <ol style={{ margin: 0, paddingInlineStart: '5mm' }}>
                        {printing.items.map((i) => (
                          <li key={i.id}>{i.description}</li>
                        ))}
                      </ol>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
                <tr>
                  <th>{t('duty.equipment')}</th>
                  <td colSpan={3}>{printing.equipment ?? '—'}</td>
                </tr>
                <tr>
                  <th>{t('duty.keys')}</th>
                  <td colSpan={3}>{printing.keys ?? '—'}</td>
                </tr>
                <tr>
                  <th>{t('duty.records')}</th>
                  <td colSpan={3}>{printing.records ?? '—'}</td>
                </tr>
                <tr>
                  <th>{t('duty.notes')}</th>
                  <td colSpan={3}>
                    {printing.notes ?? '—'}
                    {printing.standIns.map((s) => (
                      <div key={s.id}>
                        {t('duty.standIn')}: {s.guardName} {clock(s.startedAt)}–{s.endedAt ? clock(s.endedAt) : ''} {s.reason}
                      </div>
                    ))}
                  </td>
                </tr>
                <tr>
                  <th>{t('duty.outgoingSignature')}</th>
                  <td style={{ height: '16mm' }}>
                    {printing.outgoingSignedAt
                      ? `${printing.outgoingName} ${dayjs(printing.outgoingSignedAt).format('YYYY-MM-DD HH:mm')}`
                      : ''}
                  </td>
                  <th>{t('duty.incomingSignature')}</th>
                  <td>
                    {printing.incomingSignedAt
                      ? `${printing.incomingName} ${dayjs(printing.incomingSignedAt).format('YYYY-MM-DD HH:mm')}`
                      : ''}
                  </td>
                </tr>
              </tbody>
            </table>
          </div>
        </PrintArea>
      )}
    </Flex>
  );
}

interface HandoverForm {
  incomingId: number;
  equipment?: string;
  keys?: string;
  records?: string;
  notes?: string;
  picked: number[];
  extra?: string;
}

/** Writing the handover: the proposed open items (ticked), equipment, keys, records, the incoming person. */
function HandoverModal({ assignment, onClose }: { assignment: Assignment; onClose: () => void }) {
  const { t } = useI18n();
  const { projectId, me } = useStaff();
  const proposal = useProposal(assignment.id);
  const staff = useDutyStaff(projectId);
  const save = useDutyMutation(dutyApi.handover);
  const [form] = Form.useForm<HandoverForm>();
  const items = proposal.data?.items ?? [];

  useEffect(() => {
    if (proposal.data)
      form.setFieldsValue({ incomingId: proposal.data.incoming[0]?.staffId, picked: proposal.data.items.map((_, i) => i) });
  }, [proposal.data, form]);

  const submit = async () => {
    const v = await validForm(form);
    if (!v) return;
    const chosen = (v.picked ?? []).map((i) => items[i]).filter(Boolean);
    save.mutate(
      {
        assignmentId: assignment.id,
        incomingId: v.incomingId,
        equipment: v.equipment?.trim() || undefined,
        keys: v.keys?.trim() || undefined,
        records: v.records?.trim() || undefined,
        notes: v.notes?.trim() || undefined,
        items: [
          ...chosen.map((i) => ({ ticketId: i.ticketId, logEntryId: i.logEntryId, description: i.description })),
          ...(v.extra?.trim()
            ? v.extra
                .trim()
                .split('\n')
                .filter(Boolean)
                .map((d) => ({ description: d.slice(0, 500) }))
            : []),
        ],
      },
      { onSuccess: onClose, onError: (err) => void applyFieldErrors(form, err) },
    );
  };

  const candidates = proposal.data?.incoming ?? [];
  const options = [
    ...candidates.map((c) => ({ value: c.staffId, label: `${c.staffName} · ${c.shiftName} ${clock(c.startsAt)}` })),
    ...(staff.data ?? [])
      .filter((s) => s.id !== me.id && !candidates.some((c) => c.staffId === s.id))
      .map((s) => ({ value: s.id, label: s.name })),
  ];

  return (
    <Modal
      open
      width={680}
      title={`${t('duty.handoverForm')} · ${assignment.date} ${assignment.shiftName}`}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={testId<ButtonProps>('duty-handover-save')}
    >
      {proposal.error && <LoadError error={proposal.error} />}
      <Form form={form} layout="vertical" data-testid="duty-handover-form">
        <Form.Item name="incomingId" label={t('duty.incoming')} rules={[{ required: true }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={options} data-testid="duty-incoming" />
        </Form.Item>
        <Form.Item name="picked" label={t('duty.openItems')}>
          <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
            {items.map((i, idx) => (
              <Checkbox key={idx} value={idx}>
                {i.carried && <Tag color="orange">{t('duty.carried')}</Tag>}
                {i.description}
              </Checkbox>
            ))}
            {items.length === 0 && <Typography.Text type="secondary">{t('duty.nothingOpen')}</Typography.Text>}
          </Checkbox.Group>
        </Form.Item>
        <Form.Item name="extra" label={t('duty.otherItems')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder={t('duty.otherItemsHint')} />
        </Form.Item>
        <Form.Item name="equipment" label={t('duty.equipment')}>
          <Input maxLength={maxLengthOf(handoverCreate.shape.equipment)} data-testid="duty-equipment" />
        </Form.Item>
        <Form.Item name="keys" label={t('duty.keys')}>
          <Input maxLength={maxLengthOf(handoverCreate.shape.keys)} />
        </Form.Item>
        <Form.Item name="records" label={t('duty.records')}>
          <Input maxLength={maxLengthOf(handoverCreate.shape.records)} />
        </Form.Item>
        <Form.Item name="notes" label={t('duty.notes')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={maxLengthOf(handoverCreate.shape.notes)} />
        </Form.Item>
      </Form>
      {save.isError && <ErrorAlert error={save.error} />}
    </Modal>
  );
}
