import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OpinionDraft } from '../../api/types';
import { PlainText } from './opinionParts';

/** The four parts of a formal 社情民意信息, in order, with the server's length limits. */
export const DRAFT_SECTIONS: readonly { key: keyof OpinionDraft; maxLength: number }[] = [
  { key: 'reporter', maxLength: 200 },
  { key: 'situation', maxLength: 5000 },
  { key: 'analysis', maxLength: 5000 },
  { key: 'suggestion', maxLength: 5000 },
];

/** A 社情民意信息 as read on screen and on paper: each part under its heading, as plain text. */
export function DraftSections({ draft }: { draft: OpinionDraft }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={12}>
      {DRAFT_SECTIONS.map(({ key }) => (
        <section key={key}>
          <Typography.Title level={4} style={{ fontSize: 15, margin: '0 0 4px' }}>
            {t(`opinions.draft.${key}`)}
          </Typography.Title>
          <PlainText>{draft[key]}</PlainText>
        </section>
      ))}
    </Flex>
  );
}
