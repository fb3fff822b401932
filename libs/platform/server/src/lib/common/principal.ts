import type { Role } from '@hutong/platform-model';

/** The authenticated user of a request, as the guard resolved it. */
export interface Principal {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  organisationId: string | null;
  /** Root path of the subtree the user may act in: '/' for admins. */
  scopePath: string;
  ip: string | null;
  userAgent: string | null;
}

/** Where a change came from, for the audit log. */
export interface Actor {
  id: string | null;
  name: string;
  ip: string | null;
  userAgent: string | null;
}

export function actorOf(p: Principal): Actor {
  return { id: p.id, name: p.username, ip: p.ip, userAgent: p.userAgent };
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system', ip: null, userAgent: null };
