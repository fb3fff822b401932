import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { createReadStream, existsSync, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

/**
 * The built web app on the api's port. Files come as the build left them: `<file>.br` / `<file>.gz`
 * (written by scripts/compress-static.mjs) when the request's Accept-Encoding allows, with
 * `Vary: Accept-Encoding` and the original file's Content-Type. Hashed bundles
 * (`main-XXXXXXXX.js`, `chunk-….js`, `styles-….css`, `media/…`) are cached for a year as immutable;
 * everything else (index.html, favicon) must be revalidated (`no-cache` + ETag → 304).
 * A path without a file extension that matches no file is a client-side route: index.html.
 * Never under /api; dotfiles and the compressed copies themselves are not served by name.
 */
export function webStatic(rootDir: string): RequestHandler {
  const root = resolve(rootDir);
  const index = resolve(root, 'index.html');
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const path = req.path;
    if (path === '/api' || path.startsWith('/api/')) return next();
    serve(req, res, root, index, path).then((served) => (served ? undefined : next()), next);
  };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};
const COMPRESSIBLE = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.map',
  '.webmanifest',
  '.txt',
  '.xml',
  '.svg',
  '.ico',
]);
/** Angular's output names carry a content hash: main-XXXXXXXX.js, chunk-XXXXXXXX.js, styles-XXXXXXXX.css. */
const HASHED =
  /^\/(?:(?:main|chunk|polyfills|styles|worker)-[A-Za-z0-9_-]{8,}\.(?:js|css)|media\/.+-[A-Za-z0-9_-]{8,}\.\w+)$/;
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/** The pre-compressed encodings the client accepts (q > 0), best first; brotli wins a tie. */
export function acceptedEncodings(header: string | undefined): ('br' | 'gzip')[] {
  if (!header) return [];
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name.trim(), Number.isFinite(value) ? value : 0);
  }
  const of = (name: string) => q.get(name) ?? q.get('*') ?? 0;
  return (
    [
      ['br', of('br')],
      ['gzip', Math.max(of('gzip'), q.get('x-gzip') ?? 0)],
    ] as const
  )
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([name]) => name);
}

async function fileStat(path: string): Promise<Stats | null> {
  try {
    const s = await stat(path);
    return s.isFile() ? s : null;
  } catch {
    return null;
  }
}

async function serve(req: Request, res: Response, root: string, index: string, urlPath: string): Promise<boolean> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return false;
  }
  if (decoded.includes('\0') || decoded.split('/').some((s) => s.startsWith('.'))) return false;
  const ext = extname(decoded).toLowerCase();
  if (ext === '.br' || ext === '.gz') return false;

  let file = decoded === '/' ? index : resolve(root, `.${decoded}`);
  if (file !== root && !file.startsWith(root + sep)) return false;
  let info = await fileStat(file);
  let hashed = HASHED.test(decoded);
  if (!info) {
    // a client-side route (no extension) gets the app; a missing file is a 404
    if (ext || !existsSync(index)) return false;
    file = index;
    hashed = false;
    info = await fileStat(index);
    if (!info) return false;
  }
  const fileExt = extname(file).toLowerCase();

  let encoding: 'br' | 'gzip' | null = null;
  let body = file;
  let size = info.size;
  if (COMPRESSIBLE.has(fileExt)) {
    res.setHeader('Vary', 'Accept-Encoding');
    for (const candidate of acceptedEncodings(req.headers['accept-encoding'])) {
      const path = `${file}.${candidate === 'br' ? 'br' : 'gz'}`;
      const variant = await fileStat(path);
      // the build writes the variants beside each file (and removes orphans); no mtime check: Nx's
      // cache restores a build's outputs in any order
      if (variant) {
        encoding = candidate;
        body = path;
        size = variant.size;
        break;
      }
    }
  }

  const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}${encoding ? `-${encoding}` : ''}"`;
  res.setHeader('Content-Type', TYPES[fileExt] ?? 'application/octet-stream');
  res.setHeader('Cache-Control', hashed ? IMMUTABLE : REVALIDATE);
  res.setHeader('ETag', etag);
  res.setHeader('Last-Modified', info.mtime.toUTCString());
  if (encoding) res.setHeader('Content-Encoding', encoding);

  const inm = req.headers['if-none-match'];
  if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
    res.status(304).end();
    return true;
  }
  res.setHeader('Content-Length', String(size));
  res.status(200);
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  await new Promise<void>((done, fail) => {
    const stream = createReadStream(body);
    stream.once('error', (err) => {
      if (!res.headersSent) fail(err);
      else {
        res.destroy(err);
        done();
      }
    });
    res.once('close', () => {
      stream.destroy();
      done();
    });
    stream.pipe(res);
  });
  return true;
}
