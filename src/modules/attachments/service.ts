import { fileTypeFromBuffer } from 'file-type';
import {
  ATTACHMENT_TYPES,
  cleanFilename,
  extensionOf,
  imageSize,
  imageSizeProblem,
} from '../../lib/files.js';
import { badRequest, notFound } from '../../server/errors.js';
import { isUuid } from '../../server/http.js';
import type { FileStorage } from '../../server/storage.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { attachmentDisposition } from '../../server/upload.js';
import { recordAudit } from '../audit/service.js';
import { findVisibleTraining } from '../trainings/repo.js';
import { findAttachment, findVisibleHome, findVisibleHost, insertAttachment } from './repo.js';

/**
 * The attachment store every module uses: files of a home's procedure, an activity's photos, a
 * training's materials — stored once, typed by their content, read only by who sees their owner.
 */

const TYPES_TEXT = '只能上传 PDF、图片（JPG/PNG/WebP/GIF）或新版 Office 文档（.docx/.xlsx/.pptx）';
const OLD_OFFICE_TEXT =
  '不接受旧版 Office 文档（.doc/.xls/.ppt）：请在 Office 中另存为 .docx/.xlsx/.pptx 后上传';

/**
 * What a file is and the name it is kept under, or why it is refused: its real type (read from
 * its content) must be one of ATTACHMENT_TYPES and its name must end as that type does (a name
 * without an ending gets the type's); an image must not declare more pixels than anyone needs.
 */
async function checkUpload(file: { filename: string; buffer: Buffer }) {
  const type = await fileTypeFromBuffer(file.buffer);
  const endings = type ? ATTACHMENT_TYPES[type.mime] : undefined;
  if (!type || !endings) {
    const message = type?.mime === 'application/x-cfb' ? OLD_OFFICE_TEXT : TYPES_TEXT;
    throw badRequest(message, { file: '文件类型不支持' });
  }
  const cleaned = cleanFilename(file.filename, `附件${endings[0]}`);
  const ending = extensionOf(cleaned);
  if (ending && !endings.includes(ending)) {
    const message = `文件名与内容不符：内容是 ${endings[0]} 文件，文件名却以 ${ending} 结尾`;
    throw badRequest(message, { file: message });
  }
  if (type.mime.startsWith('image/')) {
    const problem = imageSizeProblem(imageSize(file.buffer, type.mime));
    if (problem) throw badRequest(problem, { file: problem });
  }
  return { filename: ending ? cleaned : `${cleaned}${endings[0]}`, contentType: type.mime };
}

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
  const { filename, contentType } = await checkUpload(file);
  const key = await storage.put(file.buffer, filename);
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await insertAttachment(trx, {
        ownerType: owner.type,
        ownerId: owner.id,
        transitionId: null,
        filename,
        contentType,
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
  } catch (err) {
    // a file no row names is never served: do not keep it
    await storage.remove(key).catch(() => undefined);
    throw err;
  }
}

/**
 * How a stored file is handed out: images shown in the page, everything else downloaded (a PDF
 * or an Office file opens in its own program, never as a page of this site), never sniffed.
 */
export function attachmentHeaders(file: { filename: string; contentType: string }) {
  return {
    'content-type': file.contentType,
    'content-disposition': attachmentDisposition(file.filename, file.contentType.startsWith('image/')),
    'x-content-type-options': 'nosniff',
  };
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
