import { Alert, Button, Flex } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';

/** The server's messages that belong to no field of a form (see `applyServerErrors`), above the form. */
export function FormErrors({ title, errors }: { title: string; errors: readonly string[] }) {
  if (errors.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      description={errors.map((line) => <div key={line}>{line}</div>)}
      style={{ marginBottom: 16 }}
    />
  );
}

/** 取消 and 保存 (submits the form) at the foot of a form on a page or a tab. */
export function FormButtons({
  onCancel,
  saving,
  style,
}: {
  onCancel: () => void;
  saving: boolean;
  style?: CSSProperties;
}) {
  const { t } = useTranslation();
  return (
    <Flex gap={8} justify="flex-end" style={style}>
      <Button onClick={onCancel}>{t('common.cancel')}</Button>
      <Button type="primary" htmlType="submit" loading={saving}>
        {t('common.save')}
      </Button>
    </Flex>
  );
}
