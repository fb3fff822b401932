import { getQueueToken } from '@nestjs/bullmq';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import { EntityManager, RequestContext } from '@mikro-orm/postgresql';
import type { NextFunction, Request, Response } from 'express';
import { QUEUES } from '@hutong/platform-model';
import { renderCode } from '@hutong/platform-server';
import { AuthService, SESSION_COOKIE } from '@hutong/identity-server';

export const QUEUE_BOARD_PATH = '/api/admin/queues';

/**
 * The admins' BullMQ dashboard (bull-board) on every queue of QUEUES: waiting, delayed, failed jobs with their
 * errors and retries. Express middleware in front of it checks the session cookie like the access guard does:
 * no session 401, not an admin 403 (the board's own routes sit outside Nest's guard).
 */
export function mountQueueBoard(app: NestExpressApplication): void {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: Object.values(QUEUES).map(
      (name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name), { strict: false })),
    ),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Hutong 队列' } },
  });
  const auth = app.get(AuthService, { strict: false });
  const em = app.get(EntityManager);
  const refuse = (res: Response, status: number, code: string, lang: string | undefined) =>
    res
      .status(status)
      .json({ statusCode: status, code, message: renderCode(code, {}, lang?.startsWith('en') ? 'en' : 'zh') });
  app.use(QUEUE_BOARD_PATH, (req: Request, res: Response, next: NextFunction) => {
    const token = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    const lang = req.headers['accept-language'];
    if (!token) return void refuse(res, 401, 'auth.required', lang);
    // its own EntityManager context, as Nest's request-context middleware gives every /api request
    RequestContext.create(em, () => auth.principalForToken(token, req.ip ?? null, req.headers['user-agent'] ?? null))
      .then((p) => {
        if (!p) return refuse(res, 401, 'auth.required', lang);
        if (p.role !== 'admin') return refuse(res, 403, 'access.role', lang);
        res.setHeader('Cache-Control', 'no-store');
        return serverAdapter.getRouter()(req, res, next);
      })
      .catch(next);
  });
}
