import { useEffect } from 'react';
import { PageLoading } from './PageLoading';

/**
 * Leaves the admin UI for a page the server sends of its own (the light sign-in and check-in pages,
 * src/web/phone): a full page load of `to`, in place of the current entry.
 */
export function FullPageLoad({ to }: { to: string }) {
  useEffect(() => window.location.replace(to), [to]);
  return <PageLoading fullScreen />;
}
