import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Options } from 'pino-http';

type Req = IncomingMessage & {
  originalUrl?: string;
  route?: { path?: string };
  baseUrl?: string;
  principal?: { id: string };
};

const HEALTH = '/api/health';
/** Nest's start-up chatter (one line per module and per route): debug, not info. */
const STARTUP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

function pathOf(req: Req): string {
  const url = req.originalUrl ?? req.url ?? '';
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/** The route pattern Express matched (`/api/organisations/:id`), else the path (e.g. a 404). */
function routeOf(req: Req): string {
  const pattern = req.route?.path;
  // no route matched (a 404 falls through to a catch-all): the path says more
  return typeof pattern === 'string' && !pattern.includes('*') ? `${req.baseUrl ?? ''}${pattern}` : pathOf(req);
}

/** The fields of the one line a request leaves: no headers, no bodies, no query strings. */
export function requestLine(req: Req, res: ServerResponse, ms: number): Record<string, unknown> {
  const route = routeOf(req);
  const path = pathOf(req);
  return {
    method: req.method,
    route,
    ...(path !== route ? { path } : {}),
    status: res.statusCode,
    ms,
    userId: req.principal?.id ?? null,
  };
}

/**
 * pino-http for the api: one concise line per request at info (`GET /api/organisations/:id 200 12ms`
 * with method, route, status, ms and the user id), 5xx at error with the error, health checks at debug.
 * Request-scoped loggers (`req.log`) carry only the request id. The web app's static files are served
 * before this middleware (apps/api/src/main.ts) and leave no line. Nest's per-module and per-route
 * start-up lines go to debug.
 */
export function requestLogOptions(level: string): Options {
  return {
    level,
    redact: ['req.headers.cookie', 'res.headers["set-cookie"]'],
    hooks: {
      logMethod(args, method, levelValue) {
        const first = args[0] as unknown;
        const context = typeof first === 'object' && first !== null ? (first as { context?: unknown }).context : null;
        if (levelValue === 30 && typeof context === 'string' && STARTUP_CONTEXTS.has(context)) {
          if (this.isLevelEnabled('debug')) this.debug(...(args as [object, string]));
          return;
        }
        method.apply(this, args);
      },
    },
    quietReqLogger: true,
    quietResLogger: true,
    customLogLevel: (req, res, err) => {
      if (err || res.statusCode >= 500) return 'error';
      return pathOf(req as Req) === HEALTH ? 'debug' : 'info';
    },
    customSuccessMessage: (req, res, ms) => `${req.method} ${routeOf(req as Req)} ${res.statusCode} ${ms}ms`,
    customErrorMessage: (req, res) => `${req.method} ${routeOf(req as Req)} ${res.statusCode} failed`,
    customSuccessObject: (req, res, val: { responseTime: number }) => requestLine(req as Req, res, val.responseTime),
    customErrorObject: (req, res, err, val: { responseTime: number }) => ({
      ...requestLine(req as Req, res, val.responseTime),
      err,
    }),
  };
}
