/**
 * A uuid[] parameter as PostgreSQL's array literal (`{…}`): MikroORM expands a JS array bound to `?` into a list
 * of parameters, which `= any(?::uuid[])` cannot take. Only for ids (no quoting needed).
 */
export function uuidArray(ids: readonly string[]): string {
  for (const id of ids) if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Error(`not a uuid: ${id}`);
  return `{${ids.join(',')}}`;
}
