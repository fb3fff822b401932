import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import type { Role } from '@hutong/platform-model';
import { AuthService, homeFor } from './auth.service';
import { authLogin, authLogout, authMe } from './api-client/generated/operations/auth';

/** The session's own calls: a 401 from these is an answer, not a session that ended. */
const SESSION_PATHS = new Set([authLogin.path, authLogout.path, authMe.path]);

/** Signed-in users only; otherwise to /login (keeping where they wanted to go). */
export const authGuard: CanActivateFn = async (_route, state) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const me = await auth.ensureMe().catch(() => null);
  if (me) return true;
  return router.createUrlTree(['/login'], {
    queryParams: state.url && state.url !== '/' ? { returnUrl: state.url } : {},
  });
};

/** Only these roles; the others go to their home page. */
export function roleGuard(roles: Role[]): CanActivateFn {
  return async () => {
    const auth = inject(AuthService);
    const router = inject(Router);
    const me = await auth.ensureMe().catch(() => null);
    if (!me) return router.createUrlTree(['/login']);
    return roles.includes(me.role) ? true : router.createUrlTree([homeFor(me.role)]);
  };
}

/** The login page sends signed-in users home. */
export const anonymousGuard: CanActivateFn = async () => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const me = await auth.ensureMe().catch(() => null);
  return me ? router.createUrlTree([homeFor(me.role)]) : true;
};

/** A 401 from any API call but the auth ones means the session ended: back to the login page. */
export const sessionExpiredInterceptor: HttpInterceptorFn = (req, next) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  return next(req).pipe(
    catchError((err: unknown) => {
      if (err instanceof HttpErrorResponse && err.status === 401 && !SESSION_PATHS.has(req.url)) {
        auth.clear();
        void router.navigateByUrl('/login');
      }
      return throwError(() => err);
    }),
  );
};

/** `/` goes to the signed-in user's home page. */
export const homeRedirect: CanActivateFn = async () => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const me = await auth.ensureMe().catch(() => null);
  return router.createUrlTree([me ? homeFor(me.role) : '/login']);
};
