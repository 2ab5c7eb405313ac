import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as every authenticator app does it: SHA-1, 6 digits, 30-second steps. */
const TOTP_OPTIONS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
/** A phone's clock may be one step off either way. */
const DRIFT_STEPS = 1;
const ISSUER = '鄂尔多斯市政协委员之家';

/** A new random secret (160 bits, RFC 4226's recommendation), in base32 as apps take it. */
export const newTotpSecret = () => new Secret({ size: 20 }).base32;

/** The otpauth:// address an authenticator app reads from the QR code. */
export function otpauthUri(secret: string, username: string): string {
  return new TOTP({
    ...TOTP_OPTIONS,
    issuer: ISSUER,
    label: username,
    secret: Secret.fromBase32(secret),
  }).toString();
}

/** The time step a code belongs to, within the allowed drift of now; null when it is not a valid code. */
export function totpStepOf(secret: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = TOTP.validate({
    ...TOTP_OPTIONS,
    token: code,
    secret: Secret.fromBase32(secret),
    timestamp: now,
    window: DRIFT_STEPS,
  });
  return delta === null ? null : TOTP.counter({ period: TOTP_OPTIONS.period, timestamp: now }) + delta;
}
