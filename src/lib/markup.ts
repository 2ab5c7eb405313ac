/** Text made safe to put inside HTML, SVG or XML, in an element or a double-quoted attribute. */
export const escapeMarkup = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
