import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { beijingClock } from '../../components/beijingTime';
import { PrintToolbar } from '../../components/PrintToolbar';

// A4, black on white, no app chrome; the toolbar is not printed. Tables take the class `sheet-table`.
const SHEET_CSS = `
.print-sheet { max-width: 860px; margin: 0 auto; padding: 24px 16px; color: #000; background: #fff; font-size: 13px; }
.print-sheet h1 { font-size: 22px; text-align: center; margin: 0 0 4px; letter-spacing: 2px; }
.print-sheet .sheet-subtitle { text-align: center; font-size: 15px; margin: 0 0 16px; }
.print-sheet h2 { font-size: 15px; margin: 16px 0 8px; border-left: 3px solid #b71c1c; padding-left: 8px; }
.print-sheet .sheet-table { width: 100%; border-collapse: collapse; }
.print-sheet .sheet-table th, .print-sheet .sheet-table td { border: 1px solid #bbb; padding: 4px 6px; text-align: left; vertical-align: top; word-break: break-word; }
.print-sheet .sheet-table th { background: #fafafa; font-weight: 600; }
.print-sheet .sheet-table .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.print-sheet footer { margin-top: 16px; text-align: right; color: #555; font-size: 12px; }
@media print {
  @page { size: A4; margin: 12mm; }
  body { background: #fff !important; }
  .no-print { display: none !important; }
  .print-sheet { max-width: none; padding: 0; font-size: 11px; }
  .print-sheet tr { break-inside: avoid; }
  .print-sheet * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

/** A printable sheet: 返回 and 打印, a centred title and subtitle, the sections, the time printed. */
export function PrintSheet({
  title,
  subtitle,
  back,
  children,
}: {
  title: string;
  subtitle: ReactNode;
  back: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = title;
  }, [title]);
  return (
    <div className="print-sheet">
      <style>{SHEET_CSS}</style>
      <PrintToolbar back={back} />
      <header>
        <h1>{title}</h1>
        <p className="sheet-subtitle">{subtitle}</p>
      </header>
      {children}
      <footer>{t('dutyRecord.printedAt', { time: beijingClock().format('YYYY-MM-DD HH:mm') })}</footer>
    </div>
  );
}
