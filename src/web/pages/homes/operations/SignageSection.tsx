import { EditOutlined, PictureOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Image,
  Modal,
  Row,
  Skeleton,
  Tag,
  Typography,
  theme,
  Upload,
  type UploadFile,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allows } from '../../../api/allowed';
import { errorMessage } from '../../../api/client';
import { attachmentUrl, HOME_KEY, uploadHomeAttachment } from '../../../api/homes';
import { HOME_OPS_KEY, saveSignage, useSignage } from '../../../api/operations';
import { type Attachment, type HomeDetail, SIGNAGE_ITEMS, type Signage } from '../../../api/types';
import { signageItemLabel } from '../../../components/activityLabels';
import { beijingToday } from '../../../components/beijingTime';
import { FormErrors } from '../../../components/FormErrors';
import { LoadError } from '../../../components/LoadError';
import { applyServerErrors } from '../../../components/serverErrors';

interface EditState {
  signage?: Signage;
  open: boolean;
  seq: number;
}

/** 标牌标识: the outdoor sign, the members' board and the rules board, each with its date and photo. */
export function SignageSection({ home }: { home: HomeDetail }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const signage = useSignage(home.id);
  const [edit, setEdit] = useState<EditState>({ open: false, seq: 0 });
  const canEdit = allows(home, 'update');

  // Always the three items, in this order, whatever the server sends.
  const byItem = new Map((signage.data ?? []).map((entry) => [entry.item, entry]));
  const entries: Signage[] = SIGNAGE_ITEMS.map(
    (item) => byItem.get(item) ?? { item, postedOn: null, photoId: null },
  );

  return (
    <Card size="small" title={t('signage.title')}>
      {signage.isPending ? (
        <Skeleton active />
      ) : signage.isError ? (
        <LoadError error={signage.error} onRetry={() => void signage.refetch()} />
      ) : (
        <Row gutter={[12, 12]}>
          {entries.map((entry) => {
            const label = signageItemLabel(t, entry.item);
            return (
              <Col key={entry.item} xs={24} md={8}>
                <Flex
                  vertical
                  gap={8}
                  style={{
                    height: '100%',
                    padding: 12,
                    borderRadius: token.borderRadius,
                    border: `1px solid ${token.colorBorderSecondary}`,
                  }}
                >
                  <Flex justify="space-between" align="center" gap={8}>
                    <Typography.Text strong>{label}</Typography.Text>
                    {canEdit ? (
                      <Button
                        size="small"
                        icon={<EditOutlined aria-hidden />}
                        aria-label={t('signage.editTitle', { item: label })}
                        onClick={() => setEdit((prev) => ({ signage: entry, open: true, seq: prev.seq + 1 }))}
                      >
                        {t('signage.edit')}
                      </Button>
                    ) : null}
                  </Flex>
                  {entry.photoId ? (
                    <Image
                      src={attachmentUrl(entry.photoId)}
                      alt={label}
                      height={160}
                      width="100%"
                      style={{ objectFit: 'cover', borderRadius: token.borderRadiusSM }}
                    />
                  ) : (
                    <Flex
                      vertical
                      align="center"
                      justify="center"
                      style={{
                        height: 160,
                        background: token.colorFillQuaternary,
                        borderRadius: token.borderRadiusSM,
                      }}
                    >
                      <PictureOutlined
                        aria-hidden
                        style={{ fontSize: 28, color: token.colorTextQuaternary }}
                      />
                      <Typography.Text type="secondary">{t('signage.noPhoto')}</Typography.Text>
                    </Flex>
                  )}
                  {entry.postedOn ? (
                    <Typography.Text>
                      {t('common.labelled', { label: t('signage.postedOn') })}
                      {entry.postedOn}
                    </Typography.Text>
                  ) : (
                    <Tag color="red" style={{ alignSelf: 'flex-start' }}>
                      {t('signage.notPosted')}
                    </Tag>
                  )}
                </Flex>
              </Col>
            );
          })}
        </Row>
      )}
      {edit.signage ? (
        <SignageModal
          key={edit.seq}
          open={edit.open}
          home={home}
          signage={edit.signage}
          onClose={() => setEdit((prev) => ({ ...prev, open: false }))}
        />
      ) : null}
    </Card>
  );
}

interface SignageValues {
  postedOn?: Dayjs;
}

/** 登记 one sign: the day it went up and a photo (uploaded as an attachment of the home first). */
function SignageModal({
  open,
  home,
  signage,
  onClose,
}: {
  open: boolean;
  home: HomeDetail;
  signage: Signage;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SignageValues>();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const label = signageItemLabel(t, signage.item);
  const [photoId, setPhotoId] = useState<string | null>(signage.photoId);
  const [fileList, setFileList] = useState<UploadFile<Attachment>[]>(
    signage.photoId
      ? [{ uid: signage.photoId, name: label, status: 'done', url: attachmentUrl(signage.photoId) }]
      : [],
  );
  const uploading = fileList.some((file) => file.status === 'uploading');

  const save = useMutation({
    mutationFn: (values: SignageValues) =>
      saveSignage(home.id, signage.item, {
        postedOn: (values.postedOn as Dayjs).format('YYYY-MM-DD'),
        ...(photoId ? { photoId } : {}),
      }),
    onSuccess: async () => {
      void message.success(t('signage.saved', { item: label }));
      onClose();
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: [HOME_OPS_KEY, home.id] }),
        // The photo is also one of the home's attachments.
        queryClient.invalidateQueries({ queryKey: [HOME_KEY, home.id, 'attachments'] }),
      ]);
    },
    onError: (error) => setFormErrors(applyServerErrors(form, error, ['postedOn', 'photoId'])),
  });

  return (
    <Modal
      open={open}
      title={t('signage.editTitle', { item: label })}
      okText={t('common.save')}
      okButtonProps={{ disabled: uploading }}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      <FormErrors title={t('signage.saveFailed')} errors={formErrors} />
      <Form<SignageValues>
        form={form}
        name={`signage-${signage.item}`}
        layout="vertical"
        disabled={save.isPending}
        initialValues={{ postedOn: signage.postedOn ? dayjs(signage.postedOn) : beijingToday() }}
        onFinish={(values) => {
          setFormErrors([]);
          save.mutate(values);
        }}
      >
        <Form.Item
          label={t('signage.postedOn')}
          name="postedOn"
          rules={[{ required: true, message: t('signage.postedOnRequired') }]}
        >
          <DatePicker
            style={{ width: '100%' }}
            format="YYYY-MM-DD"
            disabledDate={(day) => day.isAfter(beijingToday(), 'day')}
          />
        </Form.Item>
        <Form.Item label={t('signage.photo')}>
          <Upload<Attachment>
            listType="picture-card"
            accept="image/*"
            maxCount={1}
            fileList={fileList}
            beforeUpload={(file) => {
              if (!file.type.startsWith('image/')) {
                void message.error(t('signage.onlyImages'));
                return Upload.LIST_IGNORE;
              }
              return true;
            }}
            customRequest={({ file, onProgress, onSuccess, onError }) => {
              uploadHomeAttachment(home.id, file as File, (percent) => onProgress?.({ percent }))
                .then((attachment) => {
                  setPhotoId(attachment.id);
                  onSuccess?.(attachment);
                })
                .catch((error: unknown) => {
                  void message.error(
                    t('homes.transition.uploadFailed', {
                      name: (file as File).name,
                      message: errorMessage(error),
                    }),
                  );
                  onError?.(error instanceof Error ? error : new Error(String(error)));
                });
            }}
            onChange={({ fileList: next }) => {
              setFileList(
                next.map((file) =>
                  file.status === 'done' && file.response && !file.url
                    ? { ...file, url: attachmentUrl(file.response.id) }
                    : file,
                ),
              );
              if (next.length === 0) setPhotoId(null);
            }}
          >
            {fileList.length === 0 ? (
              <Flex vertical align="center" gap={4}>
                <PlusOutlined aria-hidden />
                <span>{t('signage.uploadPhoto')}</span>
              </Flex>
            ) : null}
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}
