import { DownOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../../api/client';

/** 打印标牌: the outdoor sign in either layout and the indoor boards, each a PDF opened in a new tab. */
export function SignPrints({ homeId, size }: { homeId: string; size?: 'small' }) {
  const { t } = useTranslation();
  const home = `/homes/${encodeURIComponent(homeId)}`;
  const link = (key: string, label: string, file: string, layout?: string) => ({
    key,
    label: (
      <a href={apiUrl(`${home}/${file}`, { layout })} target="_blank" rel="noopener">
        {label}
      </a>
    ),
  });
  const items = [
    link('horizontal', t('homePrints.plaqueHorizontal'), 'plaque.pdf', 'horizontal'),
    link('vertical', t('homePrints.plaqueVertical'), 'plaque.pdf', 'vertical'),
    link('boards', t('homePrints.boards'), 'boards.pdf'),
  ];
  return (
    <Dropdown menu={{ items }} trigger={['click']}>
      <Button size={size} icon={<PrinterOutlined aria-hidden />}>
        {t('homePrints.menu')}
        <DownOutlined aria-hidden />
      </Button>
    </Dropdown>
  );
}
