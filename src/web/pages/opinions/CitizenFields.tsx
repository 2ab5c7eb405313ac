import { Alert, Checkbox, Col, Form, Input, Radio, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { HomeSelect, type KnownHome } from '../../components/HomeSelect';
import { RegionCascader } from '../../components/RegionCascader';
import { CONTACT_PHONE_PATTERN } from './opinionParts';

/** Where an opinion or a problem is sent: a home, or a region (banner/district, township, village). */
export type SentTo = 'home' | 'region';

const half = { xs: 24, md: 12 };

/** The form's choice of `target` and, by it, `homeId` or `regionCode` (one is required). */
export function SentToFields({ knownHomes }: { knownHomes?: readonly KnownHome[] }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const target: SentTo = Form.useWatch('target', form) ?? 'home';
  return (
    <Row gutter={16}>
      <Col {...half}>
        <Form.Item label={t('opinions.form.target')} name="target">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'home', label: t('opinions.form.targetHome') },
              { value: 'region', label: t('opinions.form.targetRegion') },
            ]}
          />
        </Form.Item>
      </Col>
      <Col {...half}>
        {target === 'home' ? (
          <Form.Item
            label={t('opinions.home')}
            name="homeId"
            rules={[{ required: true, message: t('opinions.form.homeRequired') }]}
          >
            <HomeSelect known={knownHomes} placeholder={t('opinions.form.homePlaceholder')} />
          </Form.Item>
        ) : (
          <Form.Item
            label={t('opinions.region')}
            name="regionCode"
            rules={[{ required: true, message: t('opinions.form.regionRequired') }]}
          >
            <RegionCascader depth={3} placeholder={t('opinions.form.regionPlaceholder')} />
          </Form.Item>
        )}
      </Col>
    </Row>
  );
}

/** `homeId` and `regionCode` as sent: only the one the target names. */
export function sentToInput(values: { target?: SentTo; homeId?: string | null; regionCode?: string | null }) {
  const target = values.target ?? 'home';
  return {
    homeId: target === 'home' ? (values.homeId ?? null) : null,
    regionCode: target === 'region' ? (values.regionCode ?? null) : null,
  };
}

/**
 * A citizen's name, phone and consent to be called back, with the notice of how they are used.
 * A phone may only be kept with consent (the server refuses it otherwise).
 */
export function ContactFields({ nameField, phoneField }: { nameField: string; phoneField: string }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const phone: string | undefined = Form.useWatch(phoneField, form);
  return (
    <>
      <Alert type="warning" showIcon title={t('opinions.form.dataNotice')} style={{ marginBottom: 16 }} />
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item label={t('opinions.form.name')} name={nameField}>
            <Input autoComplete="off" maxLength={50} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            label={t('opinions.form.phone')}
            name={phoneField}
            rules={[{ pattern: CONTACT_PHONE_PATTERN, message: t('opinions.form.phoneInvalid') }]}
          >
            <Input type="tel" autoComplete="off" maxLength={20} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item
            name="contactConsent"
            valuePropName="checked"
            dependencies={[phoneField]}
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_, value: unknown) => {
                  const given = String(getFieldValue(phoneField) ?? '').trim();
                  if (given && value !== true) throw new Error(t('opinions.form.consentRequired'));
                },
              }),
            ]}
          >
            <Checkbox disabled={!phone?.trim()}>{t('opinions.form.contactConsent')}</Checkbox>
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
