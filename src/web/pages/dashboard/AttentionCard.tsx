import { WarningFilled } from '@ant-design/icons';
import { Badge, Card, Empty, Flex, Skeleton, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { useAttention } from '../../api/dashboard';
import { ATTENTION_KINDS, type AttentionItem } from '../../api/types';
import { LoadError } from '../../components/LoadError';

/**
 * 需要关注 on the staff home page: what is late or running out, grouped by kind, within what the
 * caller may see (the server scopes it). Nothing is shown to those the server refuses (403).
 */
export function AttentionCard() {
  const { t } = useTranslation();
  const attention = useAttention();
  if (attention.isError && isApiError(attention.error) && attention.error.status === 403) return null;

  let body: ReactNode;
  if (attention.isPending) body = <Skeleton active paragraph={{ rows: 2 }} title={false} />;
  else if (attention.isError)
    body = <LoadError error={attention.error} onRetry={() => void attention.refetch()} />;
  else if (attention.data.items.length === 0) {
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attention.none')} />;
  } else {
    const { items, counts } = attention.data;
    body = (
      <Flex vertical gap={12}>
        {ATTENTION_KINDS.map((kind) => {
          const group = items.filter((item) => item.kind === kind);
          if (group.length === 0) return null;
          return <AttentionGroup key={kind} kind={kind} items={group} count={counts[kind] ?? group.length} />;
        })}
      </Flex>
    );
  }
  return (
    <Card
      size="small"
      data-testid="attention"
      title={
        <Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>
          {t('attention.title')}
        </Typography.Title>
      }
    >
      {body}
    </Card>
  );
}

function AttentionGroup({
  kind,
  items,
  count,
}: {
  kind: AttentionItem['kind'];
  items: AttentionItem[];
  count: number;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const alarm = items.some((item) => item.severity === 'alarm');
  return (
    <section>
      <Flex gap={8} align="center">
        <Typography.Text strong style={alarm ? { color: token.colorError } : undefined}>
          {alarm ? <WarningFilled aria-hidden style={{ marginInlineEnd: 4 }} /> : null}
          {t(`attention.kinds.${kind}`)}
        </Typography.Text>
        <Badge count={count} overflowCount={999} color={alarm ? token.colorError : token.colorWarning} />
      </Flex>
      <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
        {items.map((item) => (
          <li key={`${item.link}:${item.title}`}>
            <Link to={item.link} style={item.severity === 'alarm' ? { color: token.colorError } : undefined}>
              {item.title}
            </Link>
            {item.detail ? (
              <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                {item.detail}
              </Typography.Text>
            ) : null}
          </li>
        ))}
        {count > items.length ? (
          <li>
            <Typography.Text type="secondary">
              {t('attention.more', { count: count - items.length })}
            </Typography.Text>
          </li>
        ) : null}
      </ul>
    </section>
  );
}
