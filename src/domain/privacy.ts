/**
 * How personal data is shown to those who may know a person exists but not who or how to reach
 * them. Shared by the server (which masks before it answers) and the UI.
 */

/**
 * A phone as a reader sees it: its digits hidden in place, separators kept. A number of 11 digits
 * or more (a mobile, a landline with its area code) shows its first three and last four
 * (139****5992, 047*-***1234); one of 7 to 10 digits its last two and as many of its first three
 * as still leave four hidden (8****34, 85****34, 858****34); a shorter value shows no digit.
 */
export function maskPhone(phone: string): string {
  const chars = [...phone.trim()];
  const digits = chars.filter(isDigit).length;
  const last = digits >= 11 ? 4 : digits >= 7 ? 2 : 0;
  const first = digits >= 7 ? Math.min(3, digits - last - 4) : 0;
  let seen = 0;
  return chars
    .map((c) => {
      if (!isDigit(c)) return c;
      seen += 1;
      return seen <= first || seen > digits - last ? c : '*';
    })
    .join('');
}

/** any decimal digit, the full-width ones (１３９…) a phone keyboard may type too */
const isDigit = (c: string) => /\p{Nd}/u.test(c);

/** A name as a reader sees it: the first character and a star for each other one (王** ). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  return chars.length ? `${chars[0]}${'*'.repeat(Math.max(chars.length - 1, 1))}` : name;
}
