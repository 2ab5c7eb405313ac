import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { createOpinion, OPINIONS_KEY } from '../../api/opinions';
import type { CreatedOpinion, OpinionInput } from '../../api/types';
import { textOrNull, withoutNulls } from '../../components/format';
import { labelOptions } from '../../components/homeLabels';
import { opinionChannelLabel } from '../../components/opinionLabels';
import { applyServerErrors } from '../../components/serverErrors';
import { FormPage } from '../FormPage';
import { ContactFields, type SentTo, SentToFields, sentToInput } from './CitizenFields';
import { opinionPath, TrackingCodeResult } from './opinionParts';

/** How staff receive an opinion they enter (网上提交 is the citizen's own). */
const STAFF_CHANNELS = ['paper', 'in_person', 'phone'] as const;
type StaffChannel = (typeof STAFF_CHANNELS)[number];

const FORM_FIELDS = [
  'homeId',
  'regionCode',
  'channel',
  'title',
  'content',
  'name',
  'phone',
  'contactConsent',
];

interface OpinionFormValues {
  target: SentTo;
  homeId?: string;
  regionCode?: string;
  channel?: StaffChannel;
  title: string;
  content: string;
  name?: string;
  phone?: string;
  contactConsent?: boolean;
}

/** 代录意见 (/opinions/new): staff enter an opinion received on paper, by phone or in person. */
export default function OpinionFormPage() {
  const [created, setCreated] = useState<CreatedOpinion | null>(null);
  const [seq, setSeq] = useState(0);
  const navigate = useNavigate();
  const { t } = useTranslation();

  if (created) {
    const opinion = created;
    return (
      <TrackingCodeResult
        title={opinion.merged ? t('opinions.form.merged') : t('opinions.form.created')}
        hint={opinion.merged ? t('opinions.form.mergedHint') : t('opinions.form.codeHint')}
        trackingCode={opinion.trackingCode}
        extra={
          <>
            <Button type="primary" onClick={() => void navigate(opinionPath(opinion.id))}>
              {t('opinions.form.viewDetail')}
            </Button>
            <Button
              onClick={() => {
                setCreated(null);
                setSeq((n) => n + 1);
              }}
            >
              {t('opinions.form.createAnother')}
            </Button>
          </>
        }
      />
    );
  }
  return <OpinionForm key={seq} onCreated={setCreated} />;
}

function OpinionForm({ onCreated }: { onCreated: (opinion: CreatedOpinion) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [searchParams] = useSearchParams();
  const [form] = Form.useForm<OpinionFormValues>();
  const [formErrors, setFormErrors] = useState<string[]>([]);

  const save = useMutation({
    mutationFn: (values: OpinionFormValues) => {
      const input: OpinionInput = {
        ...sentToInput(values),
        channel: values.channel as StaffChannel,
        title: values.title.trim(),
        content: values.content.trim(),
        name: textOrNull(values.name),
        phone: textOrNull(values.phone),
      };
      if (input.phone) input.contactConsent = values.contactConsent === true;
      return createOpinion(withoutNulls(input));
    },
    onSuccess: async (opinion) => {
      await queryClient.invalidateQueries({ queryKey: [OPINIONS_KEY] });
      onCreated(opinion);
    },
    onError: (error) => setFormErrors(applyServerErrors(form, error, FORM_FIELDS)),
  });

  return (
    <FormPage<OpinionFormValues>
      title={t('opinions.form.title')}
      back="/opinions"
      errorsTitle={t('opinions.form.saveFailed')}
      formErrors={formErrors}
      saving={save.isPending}
      form={form}
      name="opinion"
      initialValues={{ target: 'home', homeId: searchParams.get('homeId') ?? undefined }}
      onFinish={(values) => {
        setFormErrors([]);
        save.mutate(values);
      }}
    >
      <Alert type="info" showIcon title={t('opinions.form.intro')} />
      <Card size="small" title={t('opinions.form.sentToSection')}>
        <SentToFields />
        <Form.Item
          label={t('opinions.channel')}
          name="channel"
          rules={[{ required: true, message: t('opinions.form.channelRequired') }]}
        >
          <Radio.Group options={labelOptions(STAFF_CHANNELS, (value) => opinionChannelLabel(t, value))} />
        </Form.Item>
      </Card>
      <Card size="small" title={t('opinions.form.contentSection')}>
        <Form.Item
          label={t('opinions.titleLabel')}
          name="title"
          rules={[{ required: true, whitespace: true, message: t('opinions.form.titleRequired') }]}
        >
          <Input
            autoComplete="off"
            maxLength={100}
            showCount
            placeholder={t('opinions.form.titlePlaceholder')}
          />
        </Form.Item>
        <Form.Item
          label={t('opinions.content')}
          name="content"
          rules={[{ required: true, whitespace: true, message: t('opinions.form.contentRequired') }]}
        >
          <Input.TextArea autoSize={{ minRows: 6, maxRows: 20 }} maxLength={5000} showCount />
        </Form.Item>
      </Card>
      <Card size="small" title={t('opinions.form.contactSection')}>
        <ContactFields nameField="name" phoneField="phone" />
      </Card>
    </FormPage>
  );
}
