import { AuditEntry } from './audit-entry.entity';
import { OrgImport } from './org-import.entity';
import { Organisation } from './organisation.entity';
import { Session } from './session.entity';
import { User } from './user.entity';

export { AuditEntry, OrgImport, Organisation, Session, User };
export { newId } from './base';
export const ENTITIES = [Organisation, User, Session, AuditEntry, OrgImport];
