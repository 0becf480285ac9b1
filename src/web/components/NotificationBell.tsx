import { AlertFilled, BellOutlined, CheckOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Flex, List, Popover, Spin, Typography, theme } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { Notification } from '../../shared/tickets.ts';
import { useNotificationMutations, useNotifications } from '../api/desk.ts';
import { useI18n } from '../i18n/index.tsx';
import { formatDateTime } from './labels.tsx';
import { useIsMobile } from './useIsMobile.ts';

/** The header bell: unread count, the latest notifications, mark read; refreshed live by LiveEvents. */
export function NotificationBell() {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const notifications = useNotifications();
  const { read, readAll } = useNotificationMutations();
  const unread = notifications.data?.unread ?? 0;
  const items = notifications.data?.items ?? [];

  const openOne = (n: Notification) => {
    if (!n.readAt) read.mutate(n.id);
    setOpen(false);
    if (n.ticketId) navigate(`/tickets/${n.ticketId}${n.projectId ? `?projectId=${n.projectId}` : ''}`);
  };

  const content = (
    <div style={{ width: isMobile ? 'calc(100vw - 32px)' : 360, maxWidth: 380 }} data-testid="notification-panel">
      <Flex justify="space-between" align="center" style={{ paddingBottom: 8, borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
        <Typography.Text strong>
          {t('bell.title')}
          {unread > 0 && (
            <Typography.Text type="secondary" style={{ fontWeight: 400, marginInlineStart: 8, fontSize: 12 }}>
              {t('bell.unread', { count: unread })}
            </Typography.Text>
          )}
        </Typography.Text>
        <Button
          size="small"
          type="link"
          icon={<CheckOutlined />}
          disabled={unread === 0}
          loading={readAll.isPending}
          onClick={() => readAll.mutate()}
          data-testid="bell-read-all"
        >
          {t('bell.readAll')}
        </Button>
      </Flex>
      {notifications.isPending ? (
        <Flex justify="center" style={{ padding: 24 }}>
          <Spin />
        </Flex>
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bell.empty')} />
      ) : (
        <List
          style={{ maxHeight: 420, overflow: 'auto' }}
          dataSource={items}
          renderItem={(n) => (
            <List.Item
              key={n.id}
              onClick={() => openOne(n)}
              style={{ cursor: 'pointer', paddingInline: 8, background: n.readAt ? undefined : '#f0f6ff', borderRadius: 6 }}
              data-testid="notification-item"
              data-unread={n.readAt ? 'false' : 'true'}
            >
              <List.Item.Meta
                avatar={
                  n.kind === 'major_alert' ? (
                    <AlertFilled style={{ color: '#cf1322', fontSize: 18 }} />
                  ) : (
                    <Badge status={n.readAt ? 'default' : 'processing'} />
                  )
                }
                title={
                  <Typography.Text strong={!n.readAt} style={{ color: n.kind === 'major_alert' ? '#a8071a' : undefined }}>
                    {n.title}
                  </Typography.Text>
                }
                description={
                  <>
                    {n.body && (
                      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 2, fontSize: 12 }}>
                        {n.body}
                      </Typography.Paragraph>
                    )}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(n.createdAt)}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );

  return (
    <Popover content={content} trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight" arrow={false}>
      <Button type="text" aria-label={t('bell.title')} data-testid="notification-bell" style={{ paddingInline: 8 }}>
        <Badge count={unread} size="small" overflowCount={99} data-testid="notification-count">
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
