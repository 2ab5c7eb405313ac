import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Flex, Image, Skeleton, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_KEY, uploadActivityPhoto, useActivityPhotos } from '../../api/activities';
import { errorMessage } from '../../api/client';
import { attachmentUrl } from '../../api/homes';
import type { Attachment } from '../../api/types';
import { LoadError } from '../../components/LoadError';

/** The photos of an activity (a gallery with preview) and, for who runs it, an image upload. */
export function ActivityPhotos({ activityId, canUpload }: { activityId: string; canUpload: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const photos = useActivityPhotos(activityId);
  // Only files still being sent (or that failed) stay in the upload list; done ones join the gallery.
  const [fileList, setFileList] = useState<UploadFile<Attachment>[]>([]);

  return (
    <Flex vertical gap={12}>
      {canUpload ? (
        <Upload<Attachment>
          multiple
          accept="image/*"
          fileList={fileList}
          beforeUpload={(file) => {
            if (!file.type.startsWith('image/')) {
              void message.error(t('activities.onlyImages'));
              return Upload.LIST_IGNORE;
            }
            return true;
          }}
          customRequest={({ file, onProgress, onSuccess, onError }) => {
            const name = (file as File).name;
            uploadActivityPhoto(activityId, file as File, (percent) => onProgress?.({ percent }))
              .then((photo) => {
                onSuccess?.(photo);
                void message.success(t('activities.photoUploaded', { name }));
                void queryClient.invalidateQueries({ queryKey: [ACTIVITY_KEY, activityId, 'photos'] });
              })
              .catch((error: unknown) => {
                void message.error(t('activities.photoFailed', { name, message: errorMessage(error) }));
                onError?.(error instanceof Error ? error : new Error(String(error)));
              });
          }}
          onChange={({ fileList: next }) =>
            setFileList(
              next
                .filter((file) => file.status !== 'done')
                .map((file) =>
                  file.status === 'error' && file.error
                    ? { ...file, response: errorMessage(file.error) }
                    : file,
                ) as UploadFile<Attachment>[],
            )
          }
        >
          <Button icon={<UploadOutlined aria-hidden />} size="large">
            {t('activities.uploadPhotos')}
          </Button>
        </Upload>
      ) : null}
      {photos.isPending ? (
        <Skeleton.Image active />
      ) : photos.isError ? (
        <LoadError error={photos.error} onRetry={() => void photos.refetch()} />
      ) : photos.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('activities.noPhotos')} />
      ) : (
        <Image.PreviewGroup>
          <Flex wrap gap={8}>
            {photos.data.map((photo) => (
              <Image
                key={photo.id}
                src={attachmentUrl(photo.id)}
                alt={photo.filename}
                width={120}
                height={120}
                style={{ objectFit: 'cover', borderRadius: 6 }}
              />
            ))}
          </Flex>
        </Image.PreviewGroup>
      )}
    </Flex>
  );
}
