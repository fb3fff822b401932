import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { MessageParams } from '@hutong/platform-model';
import { coded, httpError } from '../common/errors';
import { hasMessage } from '../common/messages';

/**
 * Who still refers to an entity another capability owns. Before organisations deletes an
 * organisation it asks every capability that registered a check for 'organisation' (users, applications,
 * cycles …), so it never reads their tables and a referenced row is refused with a reason, not a 500.
 */
export interface Reference {
  /** A stable code with a zh/en text in the catalogues, e.g. `organisation.in_use`. */
  code: string;
  params?: MessageParams;
  /** @deprecated the code's catalogue text is the message; a literal is used only for a code the catalogues lack. */
  message?: string;
}

/** The 409 for a reference: the code's text, in the request's language. */
export function referenceConflict(r: Reference) {
  return hasMessage(r.code) || !r.message
    ? coded(r.code, r.params ?? {}, undefined, 409)
    : httpError(409, r.message, undefined, r.code);
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
