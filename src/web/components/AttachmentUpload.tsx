import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/client';
import type { Attachment } from '../api/types';

interface AttachmentUploadProps {
  /** Uploads one file and resolves to the stored attachment. */
  uploadFile: (file: File, onProgress: (percent: number) => void) => Promise<Attachment>;
  /** Ids of the attachments uploaded so far (a form control value). */
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** True while a file is still being sent. */
  onBusyChange?: (busy: boolean) => void;
  id?: string;
  disabled?: boolean;
}

/** Uploads files one by one as soon as they are chosen; the value is the list of attachment ids. */
export function AttachmentUpload({
  uploadFile,
  onChange,
  onBusyChange,
  id,
  disabled,
}: AttachmentUploadProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [fileList, setFileList] = useState<UploadFile<Attachment>[]>([]);

  return (
    <Upload<Attachment>
      multiple
      disabled={disabled}
      fileList={fileList}
      customRequest={({ file, onProgress, onSuccess, onError }) => {
        uploadFile(file as File, (percent) => onProgress?.({ percent }))
          .then((attachment) => onSuccess?.(attachment))
          .catch((error: unknown) => {
            void message.error(
              t('homes.transition.uploadFailed', { name: (file as File).name, message: errorMessage(error) }),
            );
            onError?.(error instanceof Error ? error : new Error(String(error)));
          });
      }}
      onChange={({ fileList: next }) => {
        // A failed upload's tooltip shows the server's message.
        const list = next.map((file) =>
          file.status === 'error' && file.error ? { ...file, response: errorMessage(file.error) } : file,
        );
        setFileList(list as UploadFile<Attachment>[]);
        onBusyChange?.(list.some((file) => file.status === 'uploading'));
        onChange?.(
          list
            .filter((file) => file.status === 'done' && file.response && typeof file.response === 'object')
            .map((file) => (file.response as Attachment).id),
        );
      }}
    >
      <Button id={id} icon={<UploadOutlined aria-hidden />} disabled={disabled}>
        {t('homes.transition.upload')}
      </Button>
    </Upload>
  );
}
