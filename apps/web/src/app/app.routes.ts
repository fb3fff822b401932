import { Route } from '@angular/router';
import { webRoutes } from '@hutong/web-features';

export const appRoutes: Route[] = webRoutes;
