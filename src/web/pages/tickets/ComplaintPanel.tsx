import { CheckCircleFilled, PrinterOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Divider, Flex, Input, Radio, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { complaintUpdate, validityBody } from '../../../shared/tickets.ts';
import { ApiError } from '../../api/client.ts';
import { checklistItems, useTicketExtras, type ChecklistItem, type TicketView } from '../../api/desk.ts';
import { errorText } from '../../components/errors.tsx';
import { maxLengthOf } from '../../components/formRules.ts';
import { formatDateTime } from '../../components/labels.tsx';
import { printDocument } from '../../components/PrintArea.tsx';
import { useStaff } from '../../components/ProjectContext.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ReplyLetterDocument } from './documents.tsx';

/**
 * 投诉处理: the "五清楚一报告" checklist (report mandatory for major complaints), the customer's
 * confirmation of the record, the written reply with its printable letter, and the supervisor's
 * validity decision (有效投诉).
 */
export function ComplaintPanel({ ticket, projectName }: { ticket: TicketView; projectName: string }) {
  const { t } = useI18n();
  const { can } = useStaff();
  const { message } = App.useApp();
  const { complaint, validity } = useTicketExtras(ticket.id);
  const record = ticket.complaint ?? null;
  // An older server sends no `complaint` field at all: the panel says so instead of failing on save.
  const available = ticket.complaint !== undefined;
  const editable = can('ticket.work') || can('ticket.dispatch') || can('ticket.visit');
  const [reply, setReply] = useState(record?.writtenReply ?? '');
  const [note, setNote] = useState('');
  useEffect(() => setReply(record?.writtenReply ?? ''), [record?.writtenReply]);
  const checklist: Partial<Record<ChecklistItem, boolean>> = record?.checklist ?? {};

  const failed = (err: unknown) => {
    if (err instanceof ApiError && err.status === 404 && !available) void message.error(t('complaint.notAvailable'));
    else void message.error(errorText(t, err));
  };
  const saved = () => void message.success({ content: t('complaint.saved'), key: 'complaint-saved' });

  const toggle = (item: ChecklistItem, checked: boolean) =>
    complaint.mutate({ checklist: { ...checklist, [item]: checked } }, { onSuccess: saved, onError: failed });

  return (
    <Card size="small" title={t('complaint.title')} data-testid="complaint-panel">
      {!available && <Alert type="info" showIcon title={t('complaint.notAvailable')} style={{ marginBottom: 12 }} />}
      <Flex wrap gap={12} data-testid="complaint-checklist">
        {checklistItems.map((item) => (
          <Checkbox
            key={item}
            checked={!!checklist[item]}
            disabled={!editable || !available || complaint.isPending}
            onChange={(e) => toggle(item, e.target.checked)}
            data-testid={`check-${item}`}
          >
            {t(`complaint.${item}`)}
            {item === 'report' && ticket.major && (
              <Tag color="red" style={{ marginInlineStart: 6 }}>
                {t('complaint.reportRequired')}
              </Tag>
            )}
          </Checkbox>
        ))}
      </Flex>
      <Divider style={{ margin: '12px 0' }} />
      <Flex align="center" justify="space-between" wrap gap={8}>
        {record?.customerConfirmedAt ? (
          <Typography.Text type="success">
            <CheckCircleFilled /> {t('complaint.confirmed', { at: formatDateTime(record.customerConfirmedAt) })}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('complaint.notConfirmed')}</Typography.Text>
        )}
        {!record?.customerConfirmedAt && editable && (
          <Button
            size="small"
            disabled={!available}
            loading={complaint.isPending}
            onClick={() => complaint.mutate({ customerConfirmed: true }, { onSuccess: saved, onError: failed })}
            data-testid="complaint-confirm"
          >
            {t('complaint.confirm')}
          </Button>
        )}
      </Flex>
      {(ticket.written || record?.writtenReply) && (
        <>
          <Divider style={{ margin: '12px 0' }} />
          <Typography.Text strong>{t('complaint.writtenReply')}</Typography.Text>
          <Input.TextArea
            value={reply}
            onChange={(e) => setReply(e.target.value)}
            autoSize={{ minRows: 4, maxRows: 12 }}
            maxLength={maxLengthOf(complaintUpdate.shape.writtenReply)}
            placeholder={t('complaint.writtenReplyPlaceholder')}
            disabled={!editable}
            style={{ marginTop: 8 }}
            data-testid="complaint-reply"
          />
          <Space style={{ marginTop: 8 }} wrap>
            {editable && (
              <Button
                disabled={!available || reply.trim() === (record?.writtenReply ?? '')}
                loading={complaint.isPending}
                onClick={() => complaint.mutate({ writtenReply: reply.trim() }, { onSuccess: saved, onError: failed })}
                data-testid="complaint-save-reply"
              >
                {t('complaint.saveReply')}
              </Button>
            )}
            <Button
              icon={<PrinterOutlined />}
              disabled={!reply.trim()}
              onClick={() => printDocument('reply-letter')}
              data-testid="complaint-print-reply"
            >
              {t('complaint.printReply')}
            </Button>
          </Space>
          <ReplyLetterDocument ticket={ticket} projectName={projectName} text={reply} />
        </>
      )}
      <Divider style={{ margin: '12px 0' }} />
      <Flex align="center" gap={8} wrap>
        <SafetyCertificateOutlined />
        <Typography.Text strong>{t('complaint.validity')}</Typography.Text>
        {record?.validity ? (
          <Tag color={record.validity === 'valid' ? 'red' : 'default'} data-testid="complaint-validity">
            {t(`complaint.${record.validity}`)}
          </Tag>
        ) : (
          <Tag data-testid="complaint-validity">{t('complaint.undecided')}</Tag>
        )}
      </Flex>
      {can('ticket.supervise') && (
        <Flex vertical gap={8} style={{ marginTop: 8 }}>
          <Input
            placeholder={t('complaint.validityNote')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={maxLengthOf(validityBody.shape.note)}
          />
          <Radio.Group
            value={record?.validity ?? undefined}
            disabled={!available || validity.isPending}
            optionType="button"
            onChange={(e) =>
              validity.mutate(
                { validity: e.target.value as 'valid' | 'invalid', note: note.trim() || undefined },
                { onSuccess: saved, onError: failed },
              )
            }
            options={[
              { value: 'valid', label: t('complaint.valid') },
              { value: 'invalid', label: t('complaint.invalid') },
            ]}
            data-testid="complaint-decide"
          />
        </Flex>
      )}
    </Card>
  );
}
