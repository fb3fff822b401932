import { Injectable, inject } from '@angular/core';
import type { CreateUserRequest, UpdateUserRequest, UserView } from '@hutong/identity-model';
import type { Paged, Role } from '@hutong/platform-model';
import { ApiClient, userCreate, userList, userUpdate } from '@hutong/platform-web';

export interface UserFilter {
  q?: string;
  role?: Role | null;
  page: number;
  pageSize: number;
}

/** The user endpoints (admins), through the client generated from the OpenAPI document. */
@Injectable({ providedIn: 'root' })
export class UserApiService {
  private readonly api = inject(ApiClient);

  list(f: UserFilter): Promise<Paged<UserView>> {
    return this.api.call(userList, {
      query: { page: f.page, pageSize: f.pageSize, q: f.q?.trim() || undefined, role: f.role ?? undefined },
    });
  }

  create(body: CreateUserRequest): Promise<UserView> {
    return this.api.call(userCreate, { body });
  }

  update(id: string, body: UpdateUserRequest): Promise<UserView> {
    return this.api.call(userUpdate, { path: { id }, body });
  }
}
