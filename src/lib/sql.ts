/** A LIKE pattern that finds `q` anywhere, with the wildcards a user typed taken literally. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, '\\$&')}%`;
