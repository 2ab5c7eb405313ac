import { fileTypeFromBuffer } from 'file-type';
import { badRequest, notFound } from '../../server/errors.js';
import { isUuid } from '../../server/http.js';
import type { FileStorage } from '../../server/storage.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import { findVisibleTraining } from '../trainings/repo.js';
import { findAttachment, findVisibleHome, findVisibleHost, insertAttachment } from './repo.js';

/**
 * The attachment store every module uses: files of a home's procedure, an activity's photos, a
 * training's materials — stored once, typed by their content, read only by who sees their owner.
 */

/** Files a step may carry: PDF, images and Office documents, recognised by their content, not their name. */
const ALLOWED_TYPES = new Set([
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/x-cfb',
]);

/**
 * Stores an uploaded file for an owner (a home, a training …): type checked by content, name
 * cleaned, audited. The caller has checked that the actor may add it.
 */
export async function storeAttachment(
  db: Db,
  storage: FileStorage,
  who: Who,
  owner: { type: string; id: string; auditAction: string },
  file: { filename: string; buffer: Buffer },
) {
  const type = await fileTypeFromBuffer(file.buffer);
  if (!type || !ALLOWED_TYPES.has(type.mime)) {
    throw badRequest('只能上传 PDF、图片（JPG/PNG/WebP/GIF）或 Office 文档', { file: '文件类型不支持' });
  }
  const filename = file.filename.replace(/[\\/\0]/g, '_').slice(0, 200) || `附件.${type.ext}`;
  const key = await storage.put(file.buffer, filename);
  return db.transaction().execute(async (trx) => {
    const row = await insertAttachment(trx, {
      ownerType: owner.type,
      ownerId: owner.id,
      transitionId: null,
      filename,
      contentType: type.mime,
      size: file.buffer.length,
      storageKey: key,
      uploadedBy: who.actor!.userId,
    });
    await recordAudit(trx, who, {
      action: owner.auditAction,
      objectType: owner.type,
      objectId: owner.id,
      after: row,
    });
    return row;
  });
}

/** A stored file, for whoever sees its owner (a home, an activity through its hosts, a training); 404 otherwise. */
export async function readAttachment(db: Db, storage: FileStorage, actor: Actor, id: string) {
  const row = isUuid(id) ? await findAttachment(db, id) : undefined;
  if (row?.ownerType === 'home') {
    if (!(await findVisibleHome(db, actor, row.ownerId))) throw notFound('找不到该附件');
  } else if (row?.ownerType === 'activity') {
    // an activity is visible through any of its host homes
    if (!(await findVisibleHost(db, actor, row.ownerId))) throw notFound('找不到该附件');
  } else if (row?.ownerType === 'training') {
    if (!(await findVisibleTraining(db, actor, row.ownerId))) throw notFound('找不到该附件');
  } else throw notFound('找不到该附件');
  return { ...row, buffer: await storage.get(row.storageKey) };
}
