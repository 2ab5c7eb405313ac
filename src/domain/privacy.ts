/**
 * How personal data is shown to those who may know a person exists but not who or how to reach
 * them. Shared by the server (which masks before it answers) and the UI.
 */

/**
 * A phone as a reader sees it: a mobile number its first three and last four digits
 * (139****5992); any other number (a landline, a short one) its first digits only, so at least
 * four stay hidden whatever its length.
 */
export function maskPhone(phone: string): string {
  const chars = [...phone.trim()];
  if (chars.length >= 11) return `${chars.slice(0, 3).join('')}****${chars.slice(-4).join('')}`;
  const shown = Math.max(0, Math.min(3, chars.length - 4));
  return `${chars.slice(0, shown).join('')}${'*'.repeat(Math.max(chars.length - shown, 4))}`;
}

/** A name as a reader sees it: the first character and a star for each other one (王** ). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  return chars.length ? `${chars[0]}${'*'.repeat(Math.max(chars.length - 1, 1))}` : name;
}
