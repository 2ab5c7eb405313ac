import { call, client } from './client';
import type { Body } from './types';

/** 账户安全: the signed-in user's own password and second factor (API.md "Authentication"). */

export type PasswordChange = Body<'/auth/password', 'post'>;

/** Changes the own password; the server ends the user's other sessions and every API token. */
export const changePassword = (input: PasswordChange) => call(client.POST('/auth/password', { body: input }));

/** A new secret for the authenticator app (shown this once); it counts once a code is entered. */
export const setUpSecondFactor = () => call(client.POST('/auth/2fa/setup'));

export const enableSecondFactor = (otp: string) => call(client.POST('/auth/2fa/enable', { body: { otp } }));

export const disableSecondFactor = (otp: string) => call(client.POST('/auth/2fa/disable', { body: { otp } }));
