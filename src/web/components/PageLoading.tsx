import { Flex, Spin } from 'antd';
import { useTranslation } from 'react-i18next';

/** Suspense / loading placeholder. `fullScreen` centres it in the viewport. */
export function PageLoading({ fullScreen = false }: { fullScreen?: boolean }) {
  const { t } = useTranslation();
  return (
    <Flex align="center" justify="center" style={{ minHeight: fullScreen ? '100vh' : 240 }}>
      <Spin size="large" description={t('common.loading')} />
    </Flex>
  );
}
