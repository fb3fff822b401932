import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { CreateUserRequest, UpdateUserRequest, UserView } from '@hutong/identity-model';
import type { Paged, Role } from '@hutong/platform-model';

export interface UserFilter {
  q?: string;
  role?: Role | null;
  page: number;
  pageSize: number;
}

@Injectable({ providedIn: 'root' })
export class UserApiService {
  private readonly http = inject(HttpClient);

  list(f: UserFilter): Promise<Paged<UserView>> {
    let params = new HttpParams().set('page', f.page).set('pageSize', f.pageSize);
    if (f.q?.trim()) params = params.set('q', f.q.trim());
    if (f.role) params = params.set('role', f.role);
    return firstValueFrom(this.http.get<Paged<UserView>>('/api/users', { params }));
  }

  create(body: CreateUserRequest): Promise<UserView> {
    return firstValueFrom(this.http.post<UserView>('/api/users', body));
  }

  update(id: string, body: UpdateUserRequest): Promise<UserView> {
    return firstValueFrom(this.http.patch<UserView>(`/api/users/${encodeURIComponent(id)}`, body));
  }
}
