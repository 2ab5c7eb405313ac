import { CloseCircleFilled } from '@ant-design/icons';
import { Button, Flex, theme } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';

/**
 * What the user sees when rendering failed (also when a lazily loaded page chunk cannot be loaded).
 * Deliberately light (no antd Result) because it is part of the initial bundle.
 */
export function ErrorFallback({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const detail = error instanceof Error && error.message ? error.message : undefined;
  return (
    <Flex vertical align="center" gap={12} role="alert" style={{ padding: '48px 16px', textAlign: 'center' }}>
      <CloseCircleFilled aria-hidden style={{ fontSize: 56, color: token.colorError }} />
      <h2 style={{ margin: 0, fontSize: 20, fontWeight: 600, color: token.colorTextHeading }}>
        {t('errors.boundaryTitle')}
      </h2>
      <p style={{ margin: 0, color: token.colorTextSecondary }}>{t('errors.boundaryHint')}</p>
      {detail ? (
        <p style={{ margin: 0, color: token.colorTextTertiary, fontSize: 12, wordBreak: 'break-word' }}>
          {detail}
        </p>
      ) : null}
      <Flex gap={8} wrap justify="center">
        {onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : null}
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('common.reload')}
        </Button>
      </Flex>
    </Flex>
  );
}

interface ErrorBoundaryProps {
  children: ReactNode;
}

interface ErrorBoundaryState {
  error: unknown;
  hasError: boolean;
}

/** Catches render errors below it; give it a `key` (e.g. the path) to reset it on navigation. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null, hasError: false };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error, hasError: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('UI error', error, info.componentStack);
  }

  private readonly reset = () => this.setState({ error: null, hasError: false });

  override render() {
    if (this.state.hasError) return <ErrorFallback error={this.state.error} onRetry={this.reset} />;
    return this.props.children;
  }
}

/** `errorElement` of the top-level routes: errors the router caught while rendering a route. */
export function RouteErrorPage() {
  const error = useRouteError();
  return <ErrorFallback error={error} />;
}
