import type { OpinionInput } from './api';

// The rules of the opinion form, checked in the browser before sending (the server checks the same
// again and its field messages are shown the same way).

export const TITLE_MAX = 100;
export const CONTENT_MAX = 5000;
export const NAME_MAX = 50;
const PHONE = /^[\d\s\-+]{7,20}$/;

export interface OpinionDraft {
  /** to one home, or to the CPPCC of a banner/district (and optionally one township in it) */
  target: 'home' | 'region';
  homeId: string;
  district: string;
  township: string;
  title: string;
  content: string;
  name: string;
  phone: string;
  consent: boolean;
}

export const emptyDraft = (homeId: string | null): OpinionDraft => ({
  target: homeId ? 'home' : 'region',
  homeId: homeId ?? '',
  district: '',
  township: '',
  title: '',
  content: '',
  name: '',
  phone: '',
  consent: false,
});

/** Field name → message, named as the server names them (so both kinds of error show in one place). */
export function checkOpinion(d: OpinionDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (d.target === 'home' && !d.homeId) errors.homeId = '请选择要反映给哪个委员之家';
  if (d.target === 'region' && !d.district) errors.regionCode = '请选择您所在的旗区';
  const title = d.title.trim();
  if (!title) errors.title = '请填写标题';
  else if (title.length > TITLE_MAX) errors.title = `标题不能超过 ${TITLE_MAX} 个字`;
  const content = d.content.trim();
  if (!content) errors.content = '请填写您要反映的内容';
  else if (content.length > CONTENT_MAX) errors.content = `内容不能超过 ${CONTENT_MAX} 个字`;
  if (d.name.trim().length > NAME_MAX) errors.name = `姓名不能超过 ${NAME_MAX} 个字`;
  const phone = d.phone.trim();
  if (phone && !PHONE.test(phone)) errors.phone = '请填写正确的电话号码';
  else if (phone && !d.consent)
    errors.phone = '留了电话，请勾选下方“同意工作人员通过此电话与我联系”；不希望被联系可不填电话';
  return errors;
}

/** The request body: only what was filled in; consent is sent only together with a phone. */
export function opinionBody(d: OpinionDraft): OpinionInput {
  const body: OpinionInput = { title: d.title.trim(), content: d.content.trim() };
  if (d.target === 'home') body.homeId = d.homeId;
  else body.regionCode = d.township || d.district;
  const name = d.name.trim();
  if (name) body.name = name;
  const phone = d.phone.trim();
  if (phone) {
    body.phone = phone;
    body.contactConsent = d.consent;
  }
  return body;
}
