import { FrownOutlined, MehOutlined, SmileOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Image, Input, Result, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { satisfactionLevels, type Satisfaction } from '../../../shared/enums.ts';
import { usePortalMutations, usePortalTicket } from '../../api/desk.ts';
import { errorText, LoadError } from '../../components/errors.tsx';
import { formatDateTime } from '../../components/labels.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag, TypeTag } from '../../components/ticketLabels.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { TicketTimeline } from '../tickets/Timeline.tsx';
import { portalLimits } from './limits.ts';

const faces: Record<Satisfaction, React.ReactNode> = {
  satisfied: <SmileOutlined />,
  basically_satisfied: <MehOutlined />,
  dissatisfied: <FrownOutlined />,
};

/** One of the resident's tickets: what was reported, the photos, the progress, and the rating once resolved. */
export default function PortalTicketPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const ticket = usePortalTicket(Number(id));

  if (ticket.isPending)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  if (ticket.isError) return <LoadError error={ticket.error} onRetry={() => void ticket.refetch()} />;
  const tk = ticket.data;

  return (
    <Flex vertical gap={12}>
      <Card size="small" styles={{ body: { padding: 16 } }}>
        <PageHeader title={t('portal.detail')} back="/portal/tickets" />
        <Flex gap={6} align="center" wrap>
          <TypeTag type={tk.type} />
          <StatusTag status={tk.status} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {tk.number}
          </Typography.Text>
        </Flex>
        <Typography.Paragraph
          style={{ fontSize: 16, margin: '12px 0 4px', whiteSpace: 'pre-wrap' }}
          data-testid="portal-ticket-description"
        >
          {tk.description}
        </Typography.Paragraph>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {tk.unitCode} · {formatDateTime(tk.receivedAt)}
        </Typography.Text>
        {tk.attachments.length > 0 && (
          <Image.PreviewGroup>
            <div className="gj-photo-grid" style={{ marginTop: 12 }}>
              {tk.attachments.map((a) => (
                <div key={a.id} className="gj-photo">
                  <Image
                    src={a.url}
                    alt={a.name}
                    width="100%"
                    height="100%"
                    style={{ objectFit: 'cover' }}
                    data-testid="portal-ticket-photo"
                  />
                </div>
              ))}
            </div>
          </Image.PreviewGroup>
        )}
        {tk.resolution && (
          <div className="gj-resolution">
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('ticket.resolution')}
            </Typography.Text>
            <div>{tk.resolution}</div>
          </div>
        )}
      </Card>
      {tk.actions.includes('return_visit') && <Rating id={tk.id} />}
      {tk.satisfaction && (
        <Card size="small">
          <Typography.Text data-testid="portal-rated">
            {t('portal.yourRating', { value: t(`satisfaction.${tk.satisfaction}`) })} {faces[tk.satisfaction]}
          </Typography.Text>
        </Card>
      )}
      <Card size="small" title={t('portal.progress')}>
        <TicketTimeline events={tk.events} resident />
      </Card>
    </Flex>
  );
}

function Rating({ id }: { id: number }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { rate } = usePortalMutations();
  const [value, setValue] = useState<Satisfaction | null>(null);
  const [comment, setComment] = useState('');
  if (rate.isSuccess) return <Result status="success" title={t('portal.rated')} />;
  return (
    <Card size="small" title={t('portal.rate')} className="gj-rate-card" data-testid="portal-rating">
      <Typography.Text type="secondary">{t('portal.rateHint')}</Typography.Text>
      <div className="gj-rate-options">
        {satisfactionLevels.map((s) => (
          <button
            key={s}
            type="button"
            className={`gj-rate-option${value === s ? ' is-active' : ''}`}
            data-level={s}
            onClick={() => setValue(s)}
            data-testid={`rate-${s}`}
          >
            <span className="gj-rate-face">{faces[s]}</span>
            <span>{t(`satisfaction.${s}`)}</span>
          </button>
        ))}
      </div>
      <Input.TextArea
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        placeholder={t('portal.comment')}
        autoSize={{ minRows: 2, maxRows: 5 }}
        maxLength={portalLimits.ratingComment.max}
        data-testid="rate-comment"
      />
      {value === 'dissatisfied' && (
        <Tag color="orange" style={{ marginTop: 8, whiteSpace: 'normal' }}>
          {t('visit.dissatisfiedHint')}
        </Tag>
      )}
      <Button
        type="primary"
        block
        size="large"
        disabled={!value}
        loading={rate.isPending}
        style={{ marginTop: 12 }}
        onClick={() =>
          value &&
          rate.mutate(
            { id, satisfaction: value, comment: comment.trim() || undefined },
            { onError: (err) => void message.error(errorText(t, err)) },
          )
        }
        data-testid="rate-submit"
      >
        {t('common.submit')}
      </Button>
    </Card>
  );
}
