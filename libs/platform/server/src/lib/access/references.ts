import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Who still refers to an entity another capability owns. Before organisations deletes an
 * organisation it asks every capability that registered a check for 'organisation' (users, applications,
 * cycles …), so it never reads their tables and a referenced row is refused with a reason, not a 500.
 */
export interface Reference {
  /** Why the entity cannot go (Chinese, for people). */
  message: string;
  /** A stable code for clients, e.g. `organisation.in_use`. */
  code: string;
}
export type ReferenceCheck = (id: string, tx: EntityManager) => Promise<Reference | null>;

@Injectable()
export class ReferenceChecks {
  private readonly checks = new Map<string, ReferenceCheck[]>();

  register(entityType: string, check: ReferenceCheck): void {
    this.checks.set(entityType, [...(this.checks.get(entityType) ?? []), check]);
  }

  /** The first reason the entity is still referenced, or null. Run inside the deleting transaction. */
  async firstReference(entityType: string, id: string, tx: EntityManager): Promise<Reference | null> {
    for (const check of this.checks.get(entityType) ?? []) {
      const reason = await check(id, tx);
      if (reason) return reason;
    }
    return null;
  }
}
