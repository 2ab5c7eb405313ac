import type { FastifyReply } from 'fastify';
import { attachmentDisposition } from './upload.js';

export const PDF_TYPE = 'application/pdf';

/** Sends a print: opened in the browser's viewer (inline), named for whoever saves it, never cached. */
export function sendPdf(reply: FastifyReply, filename: string, body: Buffer): FastifyReply {
  return reply
    .type(PDF_TYPE)
    .header('content-disposition', attachmentDisposition(filename, true))
    .header('cache-control', 'no-store')
    .send(body);
}
