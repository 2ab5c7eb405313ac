import { Flex, Result, Typography } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ABILITIES } from '../../api/types';
import { hasAbility, useSession } from '../../auth/session';
import { HomeSelect } from '../../components/HomeSelect';

export const opinionPath = (id: string) => `/opinions/${encodeURIComponent(id)}`;
export const problemPath = (id: string) => `/problems/${encodeURIComponent(id)}`;

/**
 * What a citizen (or anyone) wrote, as plain text: React escapes it, and `pre-wrap` keeps the line
 * breaks. Never render such text as HTML.
 */
export function PlainText({
  children,
  style,
}: {
  children: string | null | undefined;
  style?: CSSProperties;
}) {
  return <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', ...style }}>{children || '-'}</div>;
}

/** The tracking code the citizen gets, large and copyable, after an opinion or a problem is entered. */
export function TrackingCodeResult({
  title,
  hint,
  trackingCode,
  extra,
}: {
  title: string;
  hint: ReactNode;
  trackingCode: string;
  extra: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Result
      status="success"
      title={title}
      subTitle={hint}
      extra={
        <Flex vertical align="center" gap={24}>
          <Flex vertical align="center" gap={4}>
            <Typography.Text type="secondary">{t('opinions.trackingCode')}</Typography.Text>
            <Typography.Text
              copyable={{ text: trackingCode }}
              strong
              data-testid="tracking-code"
              style={{ fontSize: 32, letterSpacing: 2, fontVariantNumeric: 'tabular-nums' }}
            >
              {trackingCode}
            </Typography.Text>
          </Flex>
          <Flex gap={8} wrap justify="center">
            {extra}
          </Flex>
        </Flex>
      }
    />
  );
}

/** A mobile or a landline, as the server accepts it: digits, spaces, dashes, a plus. */
export const CONTACT_PHONE_PATTERN = /^[\d\s\-+]{7,20}$/;

/** A tracking code in a list: digits aligned, never wrapped. */
export function TrackingCode({ code }: { code: string }) {
  return (
    <Typography.Text style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
      {code}
    </Typography.Text>
  );
}

/**
 * The 委员之家 filter of the opinion and problem lists, for those who may search homes; the chosen
 * home's name is taken from the listed rows.
 */
export function HomeFilter({
  value,
  rows,
  onChange,
}: {
  value: string | undefined;
  rows: readonly { homeId: string | null; homeName: string | null }[] | undefined;
  onChange: (homeId: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const { data: session } = useSession();
  if (!hasAbility(session, ABILITIES.homeRead)) return null;
  const row = value ? rows?.find((item) => item.homeId === value) : undefined;
  return (
    <HomeSelect
      style={{ width: 220 }}
      value={value ?? null}
      known={row?.homeId ? [{ id: row.homeId, name: row.homeName ?? row.homeId }] : undefined}
      placeholder={t('opinions.homePlaceholder')}
      aria-label={t('opinions.homePlaceholder')}
      onChange={onChange}
    />
  );
}
