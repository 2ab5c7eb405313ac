import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Empty, Flex, Popover, Spin, Typography, theme } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../api/client';
import {
  markAllNotificationsRead,
  NOTIFICATIONS_KEY,
  useLatestNotifications,
  useUnreadCount,
} from '../api/notifications';
import type { Notification } from '../api/types';
import { formatDateTime } from '../components/format';
import { openNotification } from '../pages/notifications/notificationParts';

/** The header's bell: unread count (asked every minute) and the latest ten in a popover. */
export function NotificationBell() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount();
  const count = unread.data ?? 0;

  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      arrow={false}
      title={null}
      content={<NotificationList open={open} unread={count} onDone={() => setOpen(false)} />}
    >
      <Badge count={count} size="small" overflowCount={99} offset={[-4, 4]}>
        <Button
          type="text"
          icon={<BellOutlined aria-hidden style={{ fontSize: 18 }} />}
          aria-label={count > 0 ? t('notifications.bellUnread', { count }) : t('notifications.bell')}
          aria-haspopup="dialog"
          aria-expanded={open}
        />
      </Badge>
    </Popover>
  );
}

function NotificationList({ open, unread, onDone }: { open: boolean; unread: number; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const latest = useLatestNotifications(open);

  const readAll = useMutation({
    mutationFn: () => markAllNotificationsRead(),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: [NOTIFICATIONS_KEY] }),
    onError: (error) => void message.error(errorMessage(error)),
  });

  const choose = async (notification: Notification) => {
    onDone();
    const path = await openNotification(queryClient, notification);
    if (path) void navigate(path);
  };

  const items = latest.data?.items ?? [];
  return (
    <Flex vertical style={{ width: 'min(360px, calc(100vw - 32px))' }}>
      <Flex justify="space-between" align="center" style={{ paddingBottom: 8 }}>
        <Typography.Text strong>{t('notifications.latest')}</Typography.Text>
        <Button
          type="link"
          size="small"
          disabled={unread === 0}
          loading={readAll.isPending}
          onClick={() => readAll.mutate()}
        >
          {t('notifications.readAll')}
        </Button>
      </Flex>
      <div style={{ maxHeight: 'min(420px, 60vh)', overflowY: 'auto', marginInline: -12 }}>
        {latest.isPending ? (
          <Flex justify="center" style={{ padding: 24 }}>
            <Spin />
          </Flex>
        ) : latest.isError ? (
          <Typography.Text type="danger" style={{ display: 'block', padding: 12 }}>
            {errorMessage(latest.error)}
          </Typography.Text>
        ) : items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.none')} />
        ) : (
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {items.map((notification) => (
              <li key={notification.id} style={{ borderTop: `1px solid ${token.colorSplit}` }}>
                <button
                  type="button"
                  onClick={() => void choose(notification)}
                  style={{
                    display: 'block',
                    width: '100%',
                    minHeight: 44,
                    padding: '8px 12px',
                    border: 0,
                    textAlign: 'start',
                    cursor: 'pointer',
                    background: notification.readAt ? 'transparent' : token.colorPrimaryBg,
                    color: token.colorText,
                    font: 'inherit',
                  }}
                >
                  <Flex gap={6} align="center">
                    {!notification.readAt ? <Badge status="error" aria-hidden /> : null}
                    <span style={{ fontWeight: notification.readAt ? 400 : 600 }}>{notification.title}</span>
                  </Flex>
                  {notification.body ? (
                    <Typography.Paragraph
                      type="secondary"
                      ellipsis={{ rows: 2 }}
                      style={{ margin: 0, fontSize: 12 }}
                    >
                      {notification.body}
                    </Typography.Paragraph>
                  ) : null}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(notification.createdAt, false)}
                  </Typography.Text>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <Flex justify="center" style={{ paddingTop: 8, borderTop: `1px solid ${token.colorSplit}` }}>
        <Link to="/notifications" onClick={onDone}>
          {t('notifications.viewAll')}
        </Link>
      </Flex>
    </Flex>
  );
}
