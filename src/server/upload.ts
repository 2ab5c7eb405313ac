import type { FastifyRequest } from 'fastify';
import { AppError, badRequest } from './errors.js';

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

const tooLarge = () =>
  new AppError(413, 'PAYLOAD_TOO_LARGE', `文件不能超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);

/**
 * Reads the one file of a multipart upload (field `file`) into memory, with a clear error otherwise.
 * A file over the limit is refused whole (413), never kept cut at the limit: the stream may end
 * before `toBuffer` sees its `truncated` flag, so the flag is checked again once it has.
 */
export async function readUpload(request: FastifyRequest): Promise<{ filename: string; buffer: Buffer }> {
  if (!request.isMultipart()) throw badRequest('请以 multipart/form-data 上传文件（字段名 file）');
  try {
    const file = await request.file();
    if (!file) throw badRequest('没有收到文件', { file: '请选择文件' });
    const buffer = await file.toBuffer();
    if (file.file.truncated) throw tooLarge();
    return { filename: file.filename, buffer };
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw err;
  }
}

/** A Content-Disposition value that keeps a Chinese file name. */
export const attachmentDisposition = (filename: string, inline = false) =>
  `${inline ? 'inline' : 'attachment'}; filename="${encodeURIComponent(filename)}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
