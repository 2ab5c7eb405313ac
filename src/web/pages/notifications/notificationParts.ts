import type { QueryClient } from '@tanstack/react-query';
import { markNotificationRead, NOTIFICATIONS_KEY } from '../../api/notifications';
import type { Notification } from '../../api/types';

/** The in-app path of a notification's link (same-site paths and same-origin URLs only), or null. */
export function internalPath(link: string | null): string | null {
  if (!link) return null;
  if (link.startsWith('/') && !link.startsWith('//') && !link.startsWith('/\\')) return link;
  try {
    const url = new URL(link);
    if (url.origin === window.location.origin) return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    // not a URL
  }
  return null;
}

/** Marks a notification read (if unread) and refreshes the bell and lists; resolves to its in-app path. */
export async function openNotification(
  queryClient: QueryClient,
  notification: Notification,
): Promise<string | null> {
  if (!notification.readAt) {
    // Failing to mark it read must not keep the user from what it points to.
    await markNotificationRead(notification.id).catch(() => undefined);
    void queryClient.invalidateQueries({ queryKey: [NOTIFICATIONS_KEY] });
  }
  return internalPath(notification.link);
}
