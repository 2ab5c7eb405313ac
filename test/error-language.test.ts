import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prefersMongolian } from '../src/server/plugins/error-language.js';
import { as, type Session, signedInAs, startTestApp, type TestApp } from './helpers.js';

// API.md Languages: Accept-Language: mn gives Mongolian error messages where a translation exists.

let t: TestApp;
let translator: Session;

// test texts of Mongolian letters, not translations
const INVALID_MN = 'ᠲᠡᠰᠲ ᠠᠯᠳᠠᠭ᠎ᠠ';
const EMPTY_TITLE_MN = 'ᠲᠡᠰᠲ ᠭᠠᠷᠴᠠᠭ';

const send = (language?: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/public/opinions',
    headers: language ? { 'accept-language': language } : {},
    payload: { title: '   ', content: '草场围栏被冲毁', phone: 'abc' },
  });

beforeAll(async () => {
  t = await startTestApp();
  translator = await signedInAs(t.app, t.db, [{ role: 'translator', scopeId: null }]);
});
afterAll(() => t.close());

describe('error messages in Mongolian', () => {
  it('reads which language a client weighs most', () => {
    expect(prefersMongolian('mn')).toBe(true);
    expect(prefersMongolian('mn-Mong,zh-CN;q=0.8')).toBe(true);
    expect(prefersMongolian('zh-CN,mn;q=0.9')).toBe(false);
    expect(prefersMongolian('zh-CN;q=0.5, mn-CN;q=0.9')).toBe(true);
    expect(prefersMongolian('mnx')).toBe(false);
    expect(prefersMongolian(undefined)).toBe(false);
  });

  it('answers in Chinese until a translator has written the Mongolian, and in Mongolian after', async () => {
    const before = await send('mn');
    expect(before.statusCode).toBe(400);
    expect(before.json().error.message).toBe('提交的内容有误，请检查标出的字段');
    for (const [key, text] of [
      ['errors.invalid', INVALID_MN],
      ['errors.opinion.title.empty', EMPTY_TITLE_MN],
    ]) {
      const saved = await as(
        t.app,
        translator,
      )({
        method: 'PUT',
        url: `/api/v1/translations/${key}`,
        payload: { text, reviewed: true },
      });
      expect(saved.statusCode, saved.body).toBe(200);
    }
    const after = await send('mn-Mong, zh-CN;q=0.5');
    expect(after.statusCode).toBe(400);
    expect(after.headers['content-language']).toBe('mn');
    const { error } = after.json();
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', message: INVALID_MN });
    expect(error.fields.title).toBe(EMPTY_TITLE_MN);
    // a message with no translation stays as it was
    expect(error.fields.phone).toBe('请填写正确的电话号码');

    // a client that asks for Chinese, or for nothing, is answered as before
    for (const language of ['zh-CN,mn;q=0.9', undefined]) {
      const chinese = (await send(language)).json().error;
      expect(chinese.message).toBe('提交的内容有误，请检查标出的字段');
      expect(chinese.fields.title).toBe('标题不能为空');
    }
  });

  it('translates the common refusals too, and nothing of a success', async () => {
    await as(
      t.app,
      translator,
    )({
      method: 'PUT',
      url: '/api/v1/translations/errors.unauthenticated',
      payload: { text: INVALID_MN, reviewed: false },
    });
    const refused = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { 'accept-language': 'mn' },
    });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error).toMatchObject({ code: 'UNAUTHENTICATED', message: INVALID_MN });
    const ok = await t.app.inject({
      method: 'GET',
      url: '/api/v1/regions',
      headers: { 'accept-language': 'mn' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-language']).toBeUndefined();
  });
});
