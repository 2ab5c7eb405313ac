import { EditOutlined } from '@ant-design/icons';
import type { UseQueryResult } from '@tanstack/react-query';
import { Button, Card, Descriptions, type DescriptionsProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { allows } from '../../api/allowed';
import type { Proposal } from '../../api/types';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';

/** The page of one proposal or report: its title, 编辑 when the server allows 'update', and its facts. */
export function OutputDetail<
  T extends { id: string; title: string; allowedActions: Proposal['allowedActions'] },
>({
  record,
  back,
  tags,
  items,
}: {
  record: UseQueryResult<T, Error>;
  /** the list page; the edit page is `${back}/:id/edit` */
  back: string;
  tags?: (data: T) => ReactNode;
  items: (data: T) => DescriptionsProps['items'];
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  if (record.isPending) return <PageLoading />;
  if (record.isError) return <LoadError page error={record.error} onRetry={() => void record.refetch()} />;
  const data = record.data;
  return (
    <>
      <PageHeader
        title={<span style={{ wordBreak: 'break-word' }}>{data.title}</span>}
        back={back}
        tags={tags?.(data)}
        extra={
          allows(data, 'update') ? (
            <Button
              icon={<EditOutlined aria-hidden />}
              onClick={() => void navigate(`${back}/${encodeURIComponent(data.id)}/edit`)}
            >
              {t('common.edit')}
            </Button>
          ) : null
        }
      />
      <Card size="small">
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} items={items(data)} />
      </Card>
    </>
  );
}
