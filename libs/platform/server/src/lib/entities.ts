import { AuditEntry } from './audit/audit-entry.entity';

/** The platform's entities, for the app's ORM configuration. */
export const PLATFORM_ENTITIES = [AuditEntry];
