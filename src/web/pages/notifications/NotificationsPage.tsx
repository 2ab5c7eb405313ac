import { CheckOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Segmented, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/client';
import { markAllNotificationsRead, markNotificationRead, NOTIFICATIONS_KEY } from '../../api/notifications';
import type { Notification, NotificationPage } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { usePagedQuery } from '../../hooks/usePagedQuery';
import { openNotification } from './notificationParts';

const FILTERS = ['unread'] as const;
type NotificationFilter = (typeof FILTERS)[number];

/** 通知 (/notifications): the caller's own notifications, newest first; open one to go to its page. */
export default function NotificationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const paged = usePagedQuery<Notification, NotificationFilter>({
    key: NOTIFICATIONS_KEY,
    path: '/notifications',
    filters: FILTERS,
  });
  const unread = (paged.query.data as NotificationPage | undefined)?.unread;

  const refresh = () => queryClient.invalidateQueries({ queryKey: [NOTIFICATIONS_KEY] });
  const readOne = useMutation({
    mutationFn: (id: string) => markNotificationRead(id),
    onSuccess: refresh,
    onError: (error) => void message.error(errorMessage(error)),
  });
  const readAll = useMutation({
    mutationFn: () => markAllNotificationsRead(),
    onSuccess: async () => {
      void message.success(t('notifications.readAllDone'));
      await refresh();
    },
    onError: (error) => void message.error(errorMessage(error)),
  });

  const open = async (notification: Notification) => {
    const path = await openNotification(queryClient, notification);
    if (path) void navigate(path);
  };

  const columns: ColumnsType<Notification> = [
    {
      title: t('notifications.content'),
      key: 'title',
      render: (_, notification) => (
        <div style={{ minWidth: 220, maxWidth: 640 }}>
          <Badge dot={!notification.readAt} offset={[6, 0]}>
            <Typography.Link strong={!notification.readAt} onClick={() => void open(notification)}>
              {notification.title}
            </Typography.Link>
          </Badge>
          {notification.body ? (
            <Typography.Paragraph type="secondary" style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
              {notification.body}
            </Typography.Paragraph>
          ) : null}
        </div>
      ),
    },
    {
      title: t('notifications.time'),
      key: 'createdAt',
      render: (_, notification) => (
        <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(notification.createdAt, false)}</span>
      ),
    },
    {
      title: t('notifications.status'),
      key: 'status',
      render: (_, notification) =>
        notification.readAt ? (
          <Typography.Text type="secondary">{t('notifications.read')}</Typography.Text>
        ) : (
          <Button
            type="link"
            size="small"
            loading={readOne.isPending && readOne.variables === notification.id}
            onClick={() => readOne.mutate(notification.id)}
          >
            {t('notifications.markRead')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <PageHeader title={t('notifications.title')} />
      <DataTable<Notification, NotificationFilter>
        paged={paged}
        rowKey="id"
        columns={columns}
        filters={
          <>
            <Segmented<string>
              value={paged.filters.unread === 'true' ? 'true' : 'all'}
              options={[
                { value: 'all', label: t('notifications.all') },
                { value: 'true', label: t('notifications.unread') },
              ]}
              onChange={(value) => paged.setFilters({ unread: value === 'true' ? 'true' : undefined })}
            />
            {unread !== undefined ? (
              <Typography.Text type="secondary">
                {t('notifications.unreadCount', { count: unread })}
              </Typography.Text>
            ) : null}
          </>
        }
        actions={
          <Button
            icon={<CheckOutlined aria-hidden />}
            loading={readAll.isPending}
            disabled={unread === 0}
            onClick={() => readAll.mutate()}
          >
            {t('notifications.readAll')}
          </Button>
        }
      />
    </>
  );
}
