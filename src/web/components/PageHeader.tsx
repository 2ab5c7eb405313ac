import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

interface PageHeaderProps {
  title: ReactNode;
  /** Path of the page above this one (shows a back link). */
  back?: string;
  /** Next to the title, e.g. a status tag. */
  tags?: ReactNode;
  /** Buttons on the right (they wrap below the title on a phone). */
  extra?: ReactNode;
}

/** Title line of a page: back link, title, tags and buttons. */
export function PageHeader({ title, back, tags, extra }: PageHeaderProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Flex gap={12} wrap align="center" justify="space-between" style={{ marginBottom: 16 }}>
      <Flex gap={8} align="center" wrap style={{ minWidth: 0 }}>
        {back ? (
          <Button
            type="text"
            icon={<ArrowLeftOutlined aria-hidden />}
            aria-label={t('common.back')}
            title={t('common.back')}
            onClick={() => void navigate(back)}
          />
        ) : null}
        <Typography.Title level={2} style={{ fontSize: 20, margin: 0 }}>
          {title}
        </Typography.Title>
        {tags}
      </Flex>
      {extra ? (
        <Flex gap={8} wrap>
          {extra}
        </Flex>
      ) : null}
    </Flex>
  );
}
