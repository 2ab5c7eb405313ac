import { useQuery } from '@tanstack/react-query';
import { call, client } from './client';

/** First key element of every notification query (bell, page) — invalidate after marking read. */
export const NOTIFICATIONS_KEY = 'notifications';

/** How many of the caller's notifications are unread; asked again every minute. */
export function useUnreadCount() {
  return useQuery({
    queryKey: [NOTIFICATIONS_KEY, 'unread-count'],
    queryFn: ({ signal }) =>
      call(client.GET('/notifications', { params: { query: { unread: 'true', pageSize: 1 } }, signal })).then(
        (page) => page.unread,
      ),
    refetchInterval: 60_000,
    staleTime: 0,
  });
}

/** The latest notifications (read or not), for the bell's dropdown. */
export function useLatestNotifications(enabled: boolean, count = 10) {
  return useQuery({
    queryKey: [NOTIFICATIONS_KEY, 'latest', count],
    queryFn: ({ signal }) =>
      call(client.GET('/notifications', { params: { query: { pageSize: count } }, signal })),
    enabled,
    staleTime: 0,
  });
}

export const markNotificationRead = (id: string) =>
  call(client.POST('/notifications/{id}/read', { params: { path: { id } } }));

export const markAllNotificationsRead = () => call(client.POST('/notifications/read-all'));
