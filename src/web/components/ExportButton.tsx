import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiUrl, type QueryParams } from '../api/client';
import type { paths } from '../api/openapi.gen';

/** The lists' exports the server has (API.md, Exports): a path it lacks is a type error. */
export type ExportPath = Extract<keyof paths, `${string}/export.xlsx`>;

/** The file name the server gave (Content-Disposition), or the fallback. */
function filenameOf(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  return encoded ? decodeURIComponent(encoded) : fallback;
}

/**
 * 导出 Excel: every row the list's filters find in the user's scope, not just the page shown. The
 * file is fetched first, so a refusal or a bad filter is said in words instead of a download of an
 * error page; the button shows it is working while a long list streams.
 */
export function ExportButton({
  path,
  params,
  filters,
}: {
  path: ExportPath;
  /** the path's parameters, e.g. `{ id }` for `/homes/{id}/funds/export.xlsx` */
  params?: Record<string, string>;
  filters: QueryParams;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  const download = async () => {
    setBusy(true);
    try {
      const filled = path.replace(/\{(\w+)\}/g, (_, name: string) =>
        encodeURIComponent(params?.[name] ?? ''),
      );
      const response = await fetch(apiUrl(filled, filters), { credentials: 'same-origin' });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? t('common.exportFailed'));
      }
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = filenameOf(response, 'export.xlsx');
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      void message.error((err as Error).message || t('common.exportFailed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button icon={<DownloadOutlined aria-hidden />} loading={busy} onClick={() => void download()}>
      {busy ? t('common.exporting') : t('common.exportExcel')}
    </Button>
  );
}
