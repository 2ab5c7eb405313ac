/** Text made safe to put inside HTML, SVG or XML, in an element or a double-quoted attribute. */
export const escapeMarkup = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A phrase with its `{{name}}` marks replaced by the values given (a mark with no value stays). */
export function fill(phrase: string, values: Record<string, string | number>): string {
  return phrase.replace(/\{\{(\w+)\}\}/g, (mark, name: string) =>
    name in values ? String(values[name]) : mark,
  );
}
