import { Migration } from '@mikro-orm/migrations';

const RANK = `array['1','2','3','4B','4A','5B','5A']`;

/** Points of the leaves of category `cat` of `tree` with minLevel up to `level` (all three are SQL expressions). */
const available = (tree: string, cat: string, level: string) => `coalesce((
  select sum((leaf->>'points')::numeric)
    from jsonb_array_elements(${tree}) c, jsonb_path_query(c, 'strict $.**') leaf
   where c->>'code' = ${cat} and jsonb_typeof(leaf) = 'object' and leaf ? 'points'
     and jsonb_array_length(leaf->'children') = 0 and leaf->>'minLevel' is not null
     and array_position(${RANK}, leaf->>'minLevel') <= array_position(${RANK}, ${level})), 0)`;

/**
 * The level rule of the 2020 schemes (表8-2): a level rule now holds `minimums` — per part (or category) the
 * minimum score in points — instead of `categoryMinimums`, a share of the points of the leaves up to the level.
 * Existing schemes keep their meaning: each share becomes share × those points (their leaves' scores are now
 * summed over the whole category, which can only help an applicant of an old scheme). The official schemes
 * themselves arrive as new versions by `cli.js schemes:official` (data, not schema).
 */
export class Migration20261202120000 extends Migration {
  override name = 'Migration20261202120000';

  override up(): void | Promise<void> {
    this.addSql(`update scheme s set level_rules = (
      select jsonb_agg((r - 'categoryMinimums') || jsonb_build_object('minimums', coalesce((
        select jsonb_object_agg(m.key, round((m.value #>> '{}')::numeric * ${available('s.tree', 'm.key', "r->>'level'")}, 4)::float8)
          from jsonb_each(r->'categoryMinimums') m), '{}'::jsonb)) order by ord)
      from jsonb_array_elements(s.level_rules) with ordinality as x(r, ord))
     where exists (select 1 from jsonb_array_elements(s.level_rules) r where r ? 'categoryMinimums');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`update scheme s set level_rules = (
      select jsonb_agg((r - 'minimums') || jsonb_build_object('categoryMinimums', coalesce((
        select jsonb_object_agg(m.key, case when ${available('s.tree', 'm.key', "r->>'level'")} > 0
                 then round((m.value #>> '{}')::numeric / ${available('s.tree', 'm.key', "r->>'level'")}, 4)::float8 else 0 end)
          from jsonb_each(r->'minimums') m
         where jsonb_typeof(m.value) = 'number' and exists (select 1 from jsonb_array_elements(s.tree) c where c->>'code' = m.key)), '{}'::jsonb)) order by ord)
      from jsonb_array_elements(s.level_rules) with ordinality as x(r, ord))
     where exists (select 1 from jsonb_array_elements(s.level_rules) r where r ? 'minimums');`);
  }
}
