import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emptyDraft, opinionBody } from '../src/web/portal/opinionForm.js';
import {
  enqueue,
  flushOutbox,
  loadDraft,
  newSubmissionKey,
  outcomes,
  type Queued,
  queuedOpinions,
  saveDraft,
} from '../src/web/portal/outbox.js';
import { type HomeFixture, makeHome, startTestApp, type TestApp } from './helpers.js';

// The portal's outbox (src/web/portal/outbox.ts) against the real server over HTTP: what a phone
// sent while offline goes out once when the network is back, and a refused one comes back as a draft.
// The browser's storage and events are stood in for by the smallest things that behave like them.

let t: TestApp;
let home: HomeFixture;
let origin: string;
let online = true;
const realFetch = globalThis.fetch;

class MemoryStorage {
  private items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
  removeItem = (key: string) => void this.items.delete(key);
  clear = () => this.items.clear();
}
const storage = new MemoryStorage();

beforeAll(async () => {
  t = await startTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  home = await makeHome(t.db, { name: '离线发送之家', regionCode: '150602100' });
  Object.assign(globalThis, { localStorage: storage, window: new EventTarget() });
  // the page's relative addresses, on this server; a phone without signal cannot reach it
  globalThis.fetch = (input, init) =>
    online ? realFetch(`${origin}${String(input)}`, init) : Promise.reject(new TypeError('Failed to fetch'));
});
afterAll(async () => {
  globalThis.fetch = realFetch;
  await t.close();
});
beforeEach(() => {
  storage.clear();
  online = true;
});

function queue(title: string, homeId = home.id): Queued {
  const draft = { ...emptyDraft(homeId), title, content: `${title}的具体情况` };
  const item = {
    key: newSubmissionKey(),
    body: opinionBody(draft),
    draft,
    queuedAt: new Date().toISOString(),
  };
  enqueue(item);
  return item;
}

const submissionsTitled = async (title: string) =>
  t.db
    .selectFrom('opinionSubmissions')
    .innerJoin('opinions', 'opinions.id', 'opinionSubmissions.opinionId')
    .select(['opinionSubmissions.trackingCode'])
    .where('opinions.title', '=', title)
    .execute();

describe('an opinion kept on the phone', () => {
  it('stays queued while the phone is offline', async () => {
    online = false;
    queue('无信号时写的意见');
    await flushOutbox();
    expect(queuedOpinions()).toHaveLength(1);
    expect(outcomes()).toEqual([]);
    expect(await submissionsTitled('无信号时写的意见')).toEqual([]);
  });

  it('goes out once when the network is back, however often the page tries', async () => {
    const item = queue('联网后自动发送');
    await Promise.all([flushOutbox(), flushOutbox(), flushOutbox()]);
    await flushOutbox();
    const stored = await submissionsTitled('联网后自动发送');
    expect(stored).toHaveLength(1);
    expect(queuedOpinions()).toEqual([]);
    expect(outcomes()).toEqual([
      { key: item.key, title: '联网后自动发送', trackingCode: stored[0]!.trackingCode, refused: null },
    ]);
  });

  it('gets the first code back when the server had stored it before the signal dropped', async () => {
    const item = queue('回复丢失的意见');
    // the server received it, the phone never heard back: the same key is still queued
    const first = await realFetch(`${origin}/api/v1/public/opinions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': item.key },
      body: JSON.stringify(item.body),
    });
    const { trackingCode } = (await first.json()) as { trackingCode: string };
    await flushOutbox();
    expect(outcomes()[0]!.trackingCode).toBe(trackingCode);
    expect(await submissionsTitled('回复丢失的意见')).toHaveLength(1);
  });

  it('comes back to the form as a draft, with the reason, when the server refuses it', async () => {
    const closing = await makeHome(t.db, { name: '即将关闭之家', regionCode: '150602100' });
    queue('送往已关闭之家', closing.id);
    await t.db.updateTable('homes').set({ status: 'closed' }).where('id', '=', closing.id).execute();
    await flushOutbox();
    expect(queuedOpinions()).toEqual([]);
    const [outcome] = outcomes();
    expect(outcome).toMatchObject({ title: '送往已关闭之家', trackingCode: null });
    // the reason the server gave for the field, not a generic one
    expect(outcome!.refused).not.toMatch(/请检查标出的字段/);
    expect(outcome!.refused).toMatch(/委员之家/);
    expect(loadDraft('')?.draft).toMatchObject({ title: '送往已关闭之家', homeId: closing.id });
    expect(await submissionsTitled('送往已关闭之家')).toEqual([]);
  });
});

describe('drafts kept on the phone', () => {
  it('keeps one per form: opening another home’s form loses nothing', () => {
    const typed = { ...emptyDraft(home.id), title: '写了一半的意见', content: '还没写完' };
    saveDraft(home.id, { draft: typed, key: 'k1' });
    // the other home's form opens empty, and saves its empty self
    saveDraft('other-home', { draft: emptyDraft('other-home'), key: 'k2' });
    expect(loadDraft('other-home')).toBeNull();
    expect(loadDraft(home.id)).toEqual({ draft: typed, key: 'k1' });
    // emptied by the citizen, it is gone
    saveDraft(home.id, { draft: emptyDraft(home.id), key: 'k1' });
    expect(loadDraft(home.id)).toBeNull();
    expect(storage.getItem('portal.opinionDraft')).toBeNull();
  });
});
