import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage, isApiError } from '../api/client';
import { ForbiddenPage, NotFoundPage } from '../pages/ResultPages';

interface LoadErrorProps {
  error: unknown;
  onRetry?: () => void;
  /** The whole page depends on this load: 404 and 403 show the not-found / forbidden pages. */
  page?: boolean;
}

/** A failed load: the server's message with a retry button. */
export function LoadError({ error, onRetry, page = false }: LoadErrorProps) {
  const { t } = useTranslation();
  if (page && isApiError(error) && error.status === 404) return <NotFoundPage />;
  if (page && isApiError(error) && error.status === 403) return <ForbiddenPage />;
  return (
    <Alert
      type="error"
      showIcon
      title={t('errors.loadFailed')}
      description={errorMessage(error)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : null
      }
    />
  );
}
