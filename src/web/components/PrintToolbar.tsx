import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/**
 * 返回 and 打印 above a printable sheet. It carries the class `no-print`: the sheet's print CSS
 * hides it.
 */
export function PrintToolbar({ back }: { back: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Flex className="no-print" justify="space-between" gap={8} style={{ marginBottom: 16 }}>
      <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => void navigate(back)}>
        {t('common.back')}
      </Button>
      <Button type="primary" icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()}>
        {t('common.print')}
      </Button>
    </Flex>
  );
}
