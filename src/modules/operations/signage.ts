import { beijingDate } from '../../domain/calendar.js';
import { badRequest, forbidden } from '../../server/errors.js';
import { isUuid } from '../../server/http.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import { mayUpdateHome } from '../homes/policy.js';
import { getHome } from '../homes/service.js';
import { presentSignage } from './presenter.js';
import { homeImage, lockSign, signageRows, upsertSign } from './repo/signage.js';
import type { SignageItem } from './schema.js';

/** The three signs of 六有 ②, posted or not: always all three, in a fixed order. */
export async function signageOf(db: Db, homeId: string) {
  return presentSignage(await signageRows(db, homeId));
}

export async function listSignage(db: Db, actor: Actor, homeId: string) {
  await getHome(db, actor, homeId);
  return signageOf(db, homeId);
}

/** Records a sign as posted; its photo, when given, is an image already uploaded to the home. Returns the sign. */
export async function putSignage(
  db: Db,
  who: Who,
  homeId: string,
  item: SignageItem,
  input: { postedOn: string; photoId?: string | null | undefined },
  now = new Date(),
) {
  const actor = who.actor!;
  const home = await getHome(db, actor, homeId);
  if (!mayUpdateHome(actor, home)) throw forbidden('无权登记该委员之家的标牌');
  if (input.postedOn > beijingDate(now))
    throw badRequest('悬挂日期不能晚于今天', { postedOn: '不能晚于今天' });
  const photoId = input.photoId ?? null;
  if (photoId) {
    const photo = isUuid(photoId) ? await homeImage(db, homeId, photoId) : undefined;
    if (!photo) throw badRequest('照片须是本委员之家已上传的图片', { photoId: '找不到该图片' });
  }
  await db.transaction().execute(async (trx) => {
    const before = await lockSign(trx, homeId, item);
    await upsertSign(trx, { homeId, item, postedOn: input.postedOn, photoId, recordedBy: actor.userId });
    await recordAudit(trx, who, {
      action: 'signage.post',
      objectType: 'home',
      objectId: homeId,
      before: before ? { item, ...before } : undefined,
      after: { item, postedOn: input.postedOn, photoId },
    });
  });
  return { item, postedOn: input.postedOn, photoId };
}
