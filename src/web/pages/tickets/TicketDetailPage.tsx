import { FireFilled, LikeOutlined, PictureOutlined, PrinterOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Form, Image, Input, Modal, Row, Skeleton, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { revealBody } from '../../../shared/schemas.ts';
import { useCategories, useTicket, useTicketExtras, type TicketView } from '../../api/desk.ts';
import { ErrorAlert, errorText, LoadError, validForm } from '../../components/errors.tsx';
import { maxLengthOf, rulesFrom } from '../../components/formRules.ts';
import { formatDateTime } from '../../components/labels.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { printDocument } from '../../components/PrintArea.tsx';
import { useStaff } from '../../components/ProjectContext.tsx';
import {
  categoryLabel,
  clockText,
  locationOf,
  MajorTag,
  PriorityTag,
  StatusTag,
  toneColor,
  TypeTag,
  useNow,
} from '../../components/ticketLabels.tsx';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { useVisitOfTicket } from '../../api/engagement.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ComplaintPanel } from './ComplaintPanel.tsx';
import { WorkOrderDocument } from './documents.tsx';
import { TicketActions, yuan } from './TicketActions.tsx';
import { majorReasonText, resolvedServices, serviceLineText, TicketTimeline } from './Timeline.tsx';

const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/** 工单详情: facts, deadlines, timeline and the actions this user may take now. */
export default function TicketDetailPage() {
  const { id } = useParams();
  const ticketId = Number(id);
  const ticket = useTicket(ticketId);

  if (ticket.isPending) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }
  if (ticket.isError) return <LoadError error={ticket.error} onRetry={() => void ticket.refetch()} />;
  return <TicketScreen ticket={ticket.data} reload={() => void ticket.refetch()} reloading={ticket.isFetching} />;
}

function TicketScreen({ ticket, reload, reloading }: { ticket: TicketView; reload: () => void; reloading: boolean }) {
  const { t, locale } = useI18n();
  const { projects, can } = useStaff();
  const isMobile = useIsMobile();
  const now = useNow();
  const categories = useCategories();
  const projectName = projects.find((p) => p.id === ticket.projectId)?.name ?? '';
  const category = categoryLabel(categories.data, ticket.categoryId, locale, ticket.categoryName);
  const majorEvent = [...ticket.events].reverse().find((e) => e.action === 'major_escalated' || e.action === 'major_attached');
  const majorPayload = (majorEvent?.payload ?? {}) as { reason?: string; committedReplyAt?: string };
  const reason = majorReasonText(t, majorPayload.reason, categories.data, locale);
  const printable = ticket.type === 'repair' || ticket.assigneeId !== null;
  const services = resolvedServices(ticket);

  const facts = (
    <Card size="small" title={t('ticket.facts')} data-testid="ticket-facts">
      <Typography.Paragraph style={{ fontSize: 15, whiteSpace: 'pre-wrap' }} data-testid="ticket-description">
        {ticket.description}
      </Typography.Paragraph>
      <Descriptions size="small" column={isMobile ? 1 : 2} colon={false} styles={{ label: { color: '#8c8c8c', width: 84 } }}>
        <Descriptions.Item label={t('ticket.location')}>
          {ticket.unitId ? (
            <Link to={`/property/units/${ticket.unitId}?projectId=${ticket.projectId}`}>{ticket.unitCode}</Link>
          ) : (
            locationOf(ticket)
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('ticket.category')}>{category}</Descriptions.Item>
        <Descriptions.Item label={t('ticket.caller')}>
          {ticket.customerId && can('customer.read') ? (
            <Link to={`/customers/${ticket.customerId}?projectId=${ticket.projectId}`}>{ticket.customerName}</Link>
          ) : (
            (ticket.customerName ?? ticket.contactName ?? '—')
          )}
          {ticket.contactName && ticket.customerName && ticket.contactName !== ticket.customerName ? ` · ${ticket.contactName}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('ticket.contact')}>
          <ContactPhone ticket={ticket} />
        </Descriptions.Item>
        <Descriptions.Item label={t('ticket.channel')}>
          {t(`channel.${ticket.channel}`)}
          {ticket.channel === 'visit' && can('engagement.read') && <VisitOrigin ticketId={ticket.id} />}
          {ticket.written && <Tag style={{ marginInlineStart: 6 }}>{t('ticket.written')}</Tag>}
          {ticket.paid && <Tag color="gold">{t('ticket.paid')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('ticket.receivedAt')}>
          {formatDateTime(ticket.receivedAt)}
          {ticket.backfilled && (
            <Tag color="purple" style={{ marginInlineStart: 6 }} data-testid="ticket-backfilled">
              {t('ticket.backfilled')}
            </Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('ticket.assignee')}>
          <span data-testid="ticket-assignee">{ticket.assigneeName ?? t('tickets.unassigned')}</span>
        </Descriptions.Item>
        {ticket.appointmentAt && (
          <Descriptions.Item label={t('ticket.appointment')}>{formatDateTime(ticket.appointmentAt)}</Descriptions.Item>
        )}
        {ticket.resolution && (
          <Descriptions.Item label={t('ticket.resolution')} span={isMobile ? 1 : 2}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{ticket.resolution}</span>
          </Descriptions.Item>
        )}
        {ticket.materials && ticket.materials.length > 0 && (
          <Descriptions.Item label={t('ticket.materials')} span={isMobile ? 1 : 2}>
            {ticket.materials.map((m) => `${m.name} ×${m.quantity}${m.unit ?? ''}`).join('、')}
          </Descriptions.Item>
        )}
        {ticket.charge !== null && (
          <Descriptions.Item label={t('ticket.charge')} span={services.length ? (isMobile ? 1 : 2) : 1}>
            <span data-testid="ticket-charge">{yuan(ticket.charge)}</span>
            {services.length > 0 && (
              <Typography.Text type="secondary" data-testid="ticket-services">
                {'（'}
                {services.map((l) => serviceLineText(l)).join('、')}
                {'）'}
              </Typography.Text>
            )}
          </Descriptions.Item>
        )}
        {ticket.satisfaction && (
          <Descriptions.Item label={t('ticket.satisfaction')}>
            <Tag color={ticket.satisfaction === 'dissatisfied' ? 'red' : 'green'}>{t(`satisfaction.${ticket.satisfaction}`)}</Tag>
          </Descriptions.Item>
        )}
        {ticket.cancelReason && <Descriptions.Item label={t('ticket.cancelReason')}>{ticket.cancelReason}</Descriptions.Item>}
      </Descriptions>
    </Card>
  );

  const deadlines = (
    <Card size="small" title={t('ticket.deadlines')} data-testid="ticket-deadlines">
      <Flex vertical gap={10}>
        {(['reply', 'completion'] as const).map((name) => {
          const clock = ticket.deadlines[name];
          if (!clock || clock.state === 'none') return null;
          const { text, tone } = clockText(t, clock, now);
          return (
            <Flex key={name} justify="space-between" align="flex-start" gap={8} data-testid={`deadline-${name}`} data-state={clock.state}>
              <div>
                <Typography.Text strong>{t(`deadline.${name}`)}</Typography.Text>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {clock.dueAt ? t('deadline.due', { at: formatDateTime(clock.dueAt) }) : '—'}
                  </Typography.Text>
                </div>
              </div>
              <span style={{ color: toneColor[tone], fontWeight: 600, textAlign: 'end' }}>{text}</span>
            </Flex>
          );
        })}
        {!ticket.deadlines.reply && !ticket.deadlines.completion && <Typography.Text type="secondary">—</Typography.Text>}
      </Flex>
    </Card>
  );

  const actions = (
    <Card size="small" title={t('common.actions')}>
      <TicketActions ticket={ticket} onStale={reload} />
      {ticket.type === 'suggestion' && can('ticket.supervise') && <AdoptButton ticket={ticket} />}
    </Card>
  );

  return (
    <>
      <PageHeader
        back={`/tickets?projectId=${ticket.projectId}`}
        title={
          <span style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="ticket-number">
            {ticket.number}
          </span>
        }
        subtitle={
          <Flex align="center" gap={6} wrap style={{ marginTop: 4 }} data-testid="ticket-badges">
            <StatusTag status={ticket.status} />
            <TypeTag type={ticket.type} />
            <PriorityTag priority={ticket.priority} />
            {ticket.major && <MajorTag />}
            {ticket.overdue && <Tag color="red">{t('ticket.overdue')}</Tag>}
            <span>{projectName}</span>
          </Flex>
        }
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={reload} loading={reloading} aria-label={t('common.refresh')} />
            {printable && (
              <Button icon={<PrinterOutlined />} onClick={() => printDocument('work-order')} data-testid="print-work-order">
                {t('ticket.printWorkOrder')}
              </Button>
            )}
          </>
        }
      />
      {ticket.major && (
        <Alert
          type="error"
          showIcon
          icon={<FireFilled />}
          className="gj-major-banner"
          style={{ marginBottom: 16 }}
          title={reason ? t('ticket.majorBanner', { reason }) : t('ticket.majorBannerPlain')}
          description={
            majorPayload.committedReplyAt ? t('ticket.majorCommitted', { at: formatDateTime(majorPayload.committedReplyAt) }) : undefined
          }
          data-testid="major-banner"
        />
      )}
      <Row gutter={[16, 16]}>
        {isMobile && <Col span={24}>{actions}</Col>}
        <Col xs={24} lg={16}>
          <Flex vertical gap={16}>
            {facts}
            <Photos ticket={ticket} />
            {ticket.type === 'complaint' && <ComplaintPanel ticket={ticket} projectName={projectName} />}
            <Card size="small" title={t('ticket.timeline')}>
              <TicketTimeline events={ticket.events} categories={categories.data} />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} lg={8}>
          <Flex vertical gap={16} style={{ position: isMobile ? undefined : 'sticky', top: 72 }}>
            {!isMobile && actions}
            {deadlines}
          </Flex>
        </Col>
      </Row>
      {printable && <WorkOrderDocument ticket={ticket} projectName={projectName} category={category} />}
    </>
  );
}

/** The contact number, masked; roles that call residents back reveal it with a reason (audited). */
function ContactPhone({ ticket }: { ticket: TicketView }) {
  const { t } = useI18n();
  const { can } = useStaff();
  const { reveal } = useTicketExtras(ticket.id);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const [full, setFull] = useState<string | null>(null);
  const shown = full ?? ticket.contactPhone;
  const masked = !full && !!ticket.contactPhone && ticket.contactPhone.includes('*');
  return (
    <>
      <span style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="ticket-contact-phone">
        {shown ?? '—'}
      </span>
      {masked && can('customer.reveal') && (
        <Button type="link" size="small" onClick={() => setOpen(true)} data-testid="ticket-reveal">
          {t('customer.reveal')}
        </Button>
      )}
      <Modal
        open={open}
        title={t('customer.revealTitle')}
        okText={t('common.confirm')}
        confirmLoading={reveal.isPending}
        onCancel={() => setOpen(false)}
        onOk={async () => {
          const v = await validForm(form);
          if (!v) return;
          reveal.mutate(v.reason.trim(), {
            onSuccess: (r) => {
              setFull(r.contactPhone);
              setOpen(false);
              form.resetFields();
            },
          });
        }}
        destroyOnHidden
      >
        <Alert type="info" showIcon title={t('customer.revealNote')} style={{ marginBottom: 16 }} />
        {reveal.isError && <ErrorAlert error={reveal.error} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical">
          <Form.Item
            name="reason"
            label={t('customer.revealReason')}
            rules={rulesFrom(revealBody.shape.reason, { required: t('customer.revealReasonRequired') })}
          >
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 4 }}
              maxLength={maxLengthOf(revealBody.shape.reason)}
              placeholder={t('customer.revealReasonPlaceholder')}
              autoFocus
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function AdoptButton({ ticket }: { ticket: TicketView }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { adopt } = useTicketExtras(ticket.id);
  return (
    <Flex align="center" gap={8} style={{ marginTop: 12 }}>
      {ticket.adopted && <Tag color="green">{t('suggestion.adopted')}</Tag>}
      <Button
        icon={<LikeOutlined />}
        loading={adopt.isPending}
        onClick={() => adopt.mutate(!ticket.adopted, { onError: (err) => void message.error(errorText(t, err)) })}
        data-testid="suggestion-adopt"
      >
        {ticket.adopted ? t('suggestion.unadopt') : t('suggestion.adopt')}
      </Button>
    </Flex>
  );
}

function Photos({ ticket }: { ticket: TicketView }) {
  const { t } = useI18n();
  const { can } = useStaff();
  const { message } = App.useApp();
  const { attach } = useTicketExtras(ticket.id);
  const input = useRef<HTMLInputElement>(null);
  const photos = ticket.attachments ?? [];
  const canAdd = can('ticket.create') || can('ticket.work');

  const pick = (files: FileList | null) => {
    for (const file of Array.from(files ?? [])) {
      if (!PHOTO_TYPES.includes(file.type)) {
        void message.error(t('ticket.photoType'));
        continue;
      }
      if (file.size > MAX_PHOTO_BYTES) {
        void message.error(t('ticket.photoTooBig'));
        continue;
      }
      attach.mutate(file, {
        onSuccess: () => void message.success(t('ticket.photoUploaded')),
        onError: (err) => void message.error(errorText(t, err)),
      });
    }
    if (input.current) input.current.value = '';
  };

  return (
    <Card
      size="small"
      title={
        <span>
          <PictureOutlined /> {t('ticket.photos')}
        </span>
      }
      extra={
        canAdd && (
          <>
            <input
              ref={input}
              type="file"
              accept={PHOTO_TYPES.join(',')}
              multiple
              style={{ display: 'none' }}
              onChange={(e) => pick(e.target.files)}
              data-testid="ticket-photo-input"
            />
            <Button size="small" icon={<UploadOutlined />} loading={attach.isPending} onClick={() => input.current?.click()}>
              {t('ticket.addPhoto')}
            </Button>
          </>
        )
      }
      data-testid="ticket-photos"
    >
      {photos.length === 0 ? (
        <Typography.Text type="secondary">{t('ticket.noPhotos')}</Typography.Text>
      ) : (
        <Image.PreviewGroup>
          <Flex wrap gap={8}>
            {photos.map((p) => (
              <Image
                key={p.id}
                src={p.url}
                alt={p.name}
                width={104}
                height={104}
                style={{ objectFit: 'cover', borderRadius: 6 }}
                data-testid="ticket-photo"
              />
            ))}
          </Flex>
        </Image.PreviewGroup>
      )}
    </Card>
  );
}

/** A ticket raised on a visit links back to the visit's record form. */
function VisitOrigin({ ticketId }: { ticketId: number }) {
  const { t } = useI18n();
  const visit = useVisitOfTicket(ticketId, true);
  if (!visit.data) return null;
  return (
    <Link to={`/visits?visit=${visit.data.id}`} style={{ marginInlineStart: 8 }} data-testid="ticket-visit-link">
      {t('engage.record.fromVisit', { date: visit.data.visitDate ?? '', staff: visit.data.staffName })}
    </Link>
  );
}
