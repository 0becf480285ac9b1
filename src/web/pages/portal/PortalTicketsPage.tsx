import { FormOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Skeleton, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { usePortalTickets } from '../../api/desk.ts';
import { LoadError } from '../../components/errors.tsx';
import { formatDateTime } from '../../components/labels.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag, TypeTag } from '../../components/ticketLabels.tsx';
import { useI18n } from '../../i18n/index.tsx';

/** 我的报事: the resident's own tickets, newest first. */
export default function PortalTicketsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const tickets = usePortalTickets();
  return (
    <Card size="small" styles={{ body: { padding: 16 } }}>
      <PageHeader
        title={t('portal.myTickets')}
        back="/portal"
        extra={
          <Button type="primary" icon={<FormOutlined />} onClick={() => navigate('/portal/report')} data-testid="portal-new">
            {t('portal.report')}
          </Button>
        }
      />
      {tickets.isError ? (
        <LoadError error={tickets.error} onRetry={() => void tickets.refetch()} />
      ) : tickets.isPending ? (
        <Skeleton active />
      ) : tickets.data.length === 0 ? (
        <Empty description={t('portal.noTickets')} />
      ) : (
        <Flex vertical gap={10}>
          {tickets.data.map((tk) => (
            <button
              key={tk.id}
              type="button"
              className="gj-portal-ticket"
              onClick={() => navigate(`/portal/tickets/${tk.id}`)}
              data-testid="portal-ticket"
              data-status={tk.status}
            >
              <Flex justify="space-between" align="center" gap={8}>
                <Flex gap={6} align="center">
                  <TypeTag type={tk.type} />
                  <StatusTag status={tk.status} />
                </Flex>
                <RightOutlined style={{ color: '#bfbfbf' }} />
              </Flex>
              <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '8px 0 4px', textAlign: 'start' }}>
                {tk.description}
              </Typography.Paragraph>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {tk.number} · {formatDateTime(tk.receivedAt)}
              </Typography.Text>
            </button>
          ))}
        </Flex>
      )}
    </Card>
  );
}
