import { Injectable } from '@nestjs/common';

/** Names of the given ids that a capability owns (ids it does not know are left out). */
export type LabelLookup = (ids: string[]) => Promise<Map<string, string>>;

export interface AuditLabelSource {
  /** the entry's object by name (the audit viewer's "object" column) */
  label: LabelLookup;
  /** the name of an id a snapshot mentions (`organisationId`, `cycleId` …); none: such ids are not named */
  ref?: LabelLookup;
}

/**
 * How the audit viewer names what entries are about, without reading other capabilities' tables:
 * each capability registers its entity types (organisations: `organisation`, `org_import`; identity:
 * `user`; assessment: `application`, `cycle`, `scheme`), as it registers its access resolvers.
 * Names are resolved when the log is read, so a renamed organisation shows its current name.
 */
@Injectable()
export class AuditLabels {
  private readonly sources = new Map<string, AuditLabelSource>();

  register(entityType: string, source: AuditLabelSource): void {
    if (this.sources.has(entityType)) throw new Error(`audit labels for ${entityType} registered twice`);
    this.sources.set(entityType, source);
  }

  /** Labels of entries' objects, by entity type and id. */
  async labels(byType: Map<string, string[]>): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const [type, ids] of byType) {
      const source = this.sources.get(type);
      if (!source || !ids.length) continue;
      for (const [id, label] of await source.label([...new Set(ids)])) out.set(`${type}:${id}`, label);
    }
    return out;
  }

  /** Names of ids mentioned in snapshots: every source with a `ref` lookup is asked. */
  async refs(ids: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (!ids.length) return out;
    for (const source of this.sources.values()) {
      if (!source.ref) continue;
      for (const [id, label] of await source.ref(ids)) out.set(id, label);
    }
    return out;
  }
}
