import { AuditEntry } from './audit-entry.entity';
import { OrgImport } from './org-import.entity';
import { Organisation } from './organisation.entity';
import { Session } from './session.entity';
import { User } from './user.entity';
import { Application, ApplicationVersion, Cycle, Evidence, Objection, Scheme, StageEvent } from './assessment.entities';

export { AuditEntry, OrgImport, Organisation, Session, User };
export { Application, ApplicationVersion, Cycle, Evidence, Objection, Scheme, StageEvent };
export { newId } from './base';
export const ENTITIES = [
  Organisation,
  User,
  Session,
  AuditEntry,
  OrgImport,
  Scheme,
  Cycle,
  Application,
  ApplicationVersion,
  Evidence,
  StageEvent,
  Objection,
];
