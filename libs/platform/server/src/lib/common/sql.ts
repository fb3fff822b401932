/** Escapes LIKE wildcards in user input (used with `escape '\'`, PostgreSQL's default escape character). */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

/** `%text%` for a contains-search on user input. */
export function containsPattern(s: string): string {
  return `%${escapeLike(s)}%`;
}
