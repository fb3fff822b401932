import type { OrgRef } from '@hutong/platform-model';
import type { Role } from '@hutong/platform-model';

/** Users as the admin's pages see them, and the requests that change them. */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  role: Role;
  active: boolean;
  organisation: OrgRef | null;
  jurisdiction: OrgRef | null;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface CreateUserRequest {
  username: string;
  displayName: string;
  email?: string | null;
  role: Role;
  password: string;
  organisationId?: string | null;
  jurisdictionId?: string | null;
}

export interface UpdateUserRequest {
  displayName?: string;
  email?: string | null;
  role?: Role;
  active?: boolean;
  organisationId?: string | null;
  jurisdictionId?: string | null;
  /** Set to reset the password. */
  password?: string;
}
