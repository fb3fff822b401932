/**
 * The one validated configuration. Nothing else in the code base reads process.env.
 * Start-up fails fast with a message that names every bad variable.
 */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  databaseUrl: string;
  redisUrl: string;
  /** Built web app served by the api (index.html inside); empty to serve no web app. */
  webDist: string;
  sessionTtlHours: number;
  cookieSecure: boolean;
  /** Login attempts per user name and address per window. */
  loginRateLimit: number;
  /** Login attempts per address (whatever the user names) per window. */
  loginIpRateLimit: number;
  loginRateWindowSeconds: number;
  /** Largest accepted upload (organisation import, evidence). */
  uploadMaxBytes: number;
  /** Most rows an organisation import may hold (header excluded). */
  importMaxRows: number;
  /** Most bytes an XLSX import may inflate to (all its ZIP entries together). */
  importMaxInflatedBytes: number;
  /** Most institution-days one batch of monitoring statistics may hold (machine api or file). */
  monitoringBatchMaxItems: number;
  /** Largest body of the monitoring statistics api (bytes). */
  monitoringBatchMaxBytes: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Concurrency of each BullMQ worker in the worker app. */
  workerConcurrency: number;
  /** How often the worker's outbox relay looks for committed, unpublished domain events (ms). */
  outboxPollMs: number;
  /** Trust X-Forwarded-For from this many proxies (0 = none). */
  trustProxy: number;
  /** Folder where evidence files are stored (content-addressed by SHA-256). */
  storageDir: string;
  /** SMTP server for e-mail notifications (smtp:// or smtps://, credentials in the URL); empty = no e-mail is sent (mail waits). */
  smtpUrl: string;
  /** Sender address of e-mail notifications. */
  mailFrom: string;
  /** How often (ms) the worker looks for reminders that fell due and mail waiting to be sent. */
  reminderScanMs: number;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(
      `Invalid configuration:\n  - ${problems.join('\n  - ')}\nSee .env.example and the README's table of variables.`,
    );
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export interface VariableDoc {
  name: string;
  default: string;
  description: string;
}

/** The documented variables (the README table is generated from the same facts). */
export const VARIABLES: VariableDoc[] = [
  { name: 'NODE_ENV', default: 'development', description: 'development, production or test' },
  { name: 'HOST', default: '127.0.0.1', description: 'interface the api listens on (0.0.0.0 in containers)' },
  { name: 'PORT', default: '3000', description: 'port of the api, which also serves the web app' },
  {
    name: 'DATABASE_URL',
    default: '(required)',
    description: 'PostgreSQL URL, e.g. postgres://postgres@127.0.0.1:5432/hutong',
  },
  { name: 'REDIS_URL', default: '(required)', description: 'Redis URL, e.g. redis://127.0.0.1:6379/0' },
  {
    name: 'WEB_DIST',
    default: 'dist/apps/web/browser',
    description: 'folder of the built web app; empty serves no web app',
  },
  { name: 'SESSION_TTL_HOURS', default: '12', description: 'how long a login session lasts' },
  { name: 'COOKIE_SECURE', default: 'true in production', description: 'send the session cookie over HTTPS only' },
  { name: 'LOGIN_RATE_LIMIT', default: '10', description: 'login attempts per user name and address per window' },
  {
    name: 'LOGIN_IP_RATE_LIMIT',
    default: '30',
    description: 'login attempts per address per window, whatever the user names',
  },
  { name: 'LOGIN_RATE_WINDOW_SECONDS', default: '60', description: 'the login rate-limit window' },
  {
    name: 'UPLOAD_MAX_BYTES',
    default: '20971520',
    description: 'largest accepted upload in bytes (organisation import, evidence files); larger is refused with 413',
  },
  {
    name: 'IMPORT_MAX_ROWS',
    default: '50000',
    description: 'most rows an organisation import may hold; more is refused with 413',
  },
  {
    name: 'IMPORT_MAX_INFLATED_BYTES',
    default: '52428800',
    description: 'most bytes an XLSX import may inflate to (guards against zip bombs); more is refused with 413',
  },
  {
    name: 'MONITORING_BATCH_MAX_ITEMS',
    default: '50000',
    description:
      'most institution-days one batch of monitoring statistics may hold (api or file); more is refused with 413',
  },
  {
    name: 'MONITORING_BATCH_MAX_BYTES',
    default: '67108864',
    description: 'largest body of the monitoring statistics api in bytes; larger is refused with 413',
  },
  { name: 'LOG_LEVEL', default: 'info', description: 'fatal, error, warn, info, debug, trace or silent' },
  { name: 'WORKER_CONCURRENCY', default: '2', description: 'jobs each worker queue runs at once' },
  {
    name: 'OUTBOX_POLL_MS',
    default: '1000',
    description: 'how often (ms) the worker publishes committed stage events to the domain-events queue',
  },
  { name: 'TRUST_PROXY', default: '0', description: 'number of reverse proxies whose X-Forwarded-For is trusted' },
  {
    name: 'STORAGE_DIR',
    default: '.data/files',
    description: 'folder for uploaded evidence files (keep it on a backed-up volume)',
  },
  {
    name: 'SMTP_URL',
    default: '(none)',
    description:
      'SMTP server for e-mail notifications, e.g. smtp://user:pass@mail.example.cn:587; unset keeps mail queued',
  },
  { name: 'MAIL_FROM', default: 'Hutong <noreply@hutong.local>', description: 'sender of e-mail notifications' },
  {
    name: 'REMINDER_SCAN_MS',
    default: '15000',
    description: 'how often (ms) the worker sends reminders that fell due and mail that waits',
  },
];

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const str = (name: string, fallback?: string): string => {
    const v = env[name];
    if (v === undefined || v === '') {
      if (fallback === undefined) {
        problems.push(`${name} is required`);
        return '';
      }
      return fallback;
    }
    return v;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  };
  const oneOf = <T extends string>(name: string, values: readonly T[], fallback: T): T => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!(values as readonly string[]).includes(raw)) {
      problems.push(`${name} must be one of ${values.join(', ')} (got "${raw}")`);
      return fallback;
    }
    return raw as T;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['true', '1', 'yes'].includes(raw)) return true;
    if (['false', '0', 'no'].includes(raw)) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  };
  const url = (name: string, protocols: string[]): string => {
    const v = str(name);
    if (!v) return v;
    try {
      const u = new URL(v);
      if (!protocols.includes(u.protocol)) problems.push(`${name} must start with ${protocols.join(' or ')}//`);
    } catch {
      problems.push(`${name} is not a valid URL`);
    }
    return v;
  };

  const nodeEnv = oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const config: AppConfig = {
    nodeEnv,
    host: str('HOST', '127.0.0.1'),
    port: int('PORT', 3000, 1, 65535),
    databaseUrl: url('DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: url('REDIS_URL', ['redis:', 'rediss:']),
    webDist: env['WEB_DIST'] ?? 'dist/apps/web/browser',
    sessionTtlHours: int('SESSION_TTL_HOURS', 12, 1, 24 * 30),
    cookieSecure: bool('COOKIE_SECURE', nodeEnv === 'production'),
    loginRateLimit: int('LOGIN_RATE_LIMIT', 10, 1, 10_000),
    loginIpRateLimit: int('LOGIN_IP_RATE_LIMIT', 30, 1, 100_000),
    loginRateWindowSeconds: int('LOGIN_RATE_WINDOW_SECONDS', 60, 1, 86_400),
    uploadMaxBytes: int('UPLOAD_MAX_BYTES', 20 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    importMaxRows: int('IMPORT_MAX_ROWS', 50_000, 1, 1_000_000),
    importMaxInflatedBytes: int('IMPORT_MAX_INFLATED_BYTES', 50 * 1024 * 1024, 1024 * 1024, 4 * 1024 * 1024 * 1024),
    monitoringBatchMaxItems: int('MONITORING_BATCH_MAX_ITEMS', 50_000, 1, 1_000_000),
    monitoringBatchMaxBytes: int('MONITORING_BATCH_MAX_BYTES', 64 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    logLevel: oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    workerConcurrency: int('WORKER_CONCURRENCY', 2, 1, 64),
    outboxPollMs: int('OUTBOX_POLL_MS', 1000, 50, 60_000),
    trustProxy: int('TRUST_PROXY', 0, 0, 10),
    storageDir: str('STORAGE_DIR', '.data/files'),
    smtpUrl: env['SMTP_URL'] ? url('SMTP_URL', ['smtp:', 'smtps:']) : '',
    mailFrom: str('MAIL_FROM', 'Hutong <noreply@hutong.local>'),
    reminderScanMs: int('REMINDER_SCAN_MS', 15_000, 100, 3_600_000),
  };
  if (problems.length) throw new ConfigError(problems);
  return Object.freeze(config);
}

/** Only what database tooling (migrate, check, seed) needs: DATABASE_URL. */
export function loadDatabaseUrl(env: Env = process.env): string {
  const v = env['DATABASE_URL'];
  if (!v) throw new ConfigError(['DATABASE_URL is required']);
  try {
    const u = new URL(v);
    if (!['postgres:', 'postgresql:'].includes(u.protocol)) throw new Error();
  } catch {
    throw new ConfigError(['DATABASE_URL must be a postgres:// URL']);
  }
  return v;
}
