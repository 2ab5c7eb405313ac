import { call, client } from './client';

/**
 * Checks the audit trail's hash chain (API.md, Audit): the server seals what is pending, then
 * recomputes every row; `firstBrokenId` names the first row changed or removed.
 */
export const verifyAudit = () => call(client.GET('/audit/verify'));
