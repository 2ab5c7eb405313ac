import { describe, expect, it } from 'vitest';
import { checkOpinion, emptyDraft, type OpinionDraft, opinionBody } from './opinionForm';

const filled = (changes: Partial<OpinionDraft> = {}): OpinionDraft => ({
  ...emptyDraft('home-1'),
  title: ' 牧道需要修 ',
  content: '嘎查到苏木的牧道雨后无法通行',
  ...changes,
});

describe('the public opinion form', () => {
  it('asks for a title, the content and where it goes', () => {
    expect(checkOpinion(emptyDraft(null))).toEqual({
      regionCode: expect.any(String),
      title: expect.any(String),
      content: expect.any(String),
    });
    expect(checkOpinion(filled())).toEqual({});
  });

  it('refuses a phone without the consent to be called, and accepts it with', () => {
    expect(checkOpinion(filled({ phone: '138 0477 1234' })).phone).toMatch(/同意/);
    expect(checkOpinion(filled({ phone: '138 0477 1234', consent: true }))).toEqual({});
    expect(checkOpinion(filled({ phone: 'abc', consent: true })).phone).toBe('请填写正确的电话号码');
  });

  it('counts the limits on the trimmed text', () => {
    expect(checkOpinion(filled({ title: 'x'.repeat(101) })).title).toMatch(/100/);
    expect(checkOpinion(filled({ title: ` ${'x'.repeat(100)} ` })).title).toBeUndefined();
    expect(checkOpinion(filled({ content: 'x'.repeat(5001) })).content).toMatch(/5000/);
  });

  it('sends only what was filled in, consent only with a phone', () => {
    expect(opinionBody(filled({ consent: true }))).toEqual({
      homeId: 'home-1',
      title: '牧道需要修',
      content: '嘎查到苏木的牧道雨后无法通行',
    });
    const toRegion = filled({ target: 'region', district: '150626', township: '150626100' });
    expect(opinionBody({ ...toRegion, name: ' 巴特尔 ', phone: '13804771234', consent: true })).toEqual({
      regionCode: '150626100',
      title: '牧道需要修',
      content: '嘎查到苏木的牧道雨后无法通行',
      name: '巴特尔',
      phone: '13804771234',
      contactConsent: true,
    });
    expect(opinionBody(filled({ target: 'region', district: '150626' })).regionCode).toBe('150626');
  });
});
