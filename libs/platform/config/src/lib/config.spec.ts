import { ConfigError, loadConfig, loadDatabaseUrl, VARIABLES, type AppConfig } from './config';

const REQUIRED = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/hutong',
  REDIS_URL: 'redis://127.0.0.1:6379/0',
};

function problems(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('fills every default when only the URLs are given', () => {
    expect(loadConfig({ ...REQUIRED })).toEqual<AppConfig>({
      nodeEnv: 'development',
      host: '127.0.0.1',
      port: 3000,
      databaseUrl: REQUIRED.DATABASE_URL,
      redisUrl: REQUIRED.REDIS_URL,
      webDist: 'dist/apps/web/browser',
      sessionTtlHours: 12,
      cookieSecure: false,
      loginRateLimit: 10,
      loginIpRateLimit: 30,
      loginRateWindowSeconds: 60,
      uploadMaxBytes: 20 * 1024 * 1024,
      importMaxRows: 50_000,
      importMaxInflatedBytes: 50 * 1024 * 1024,
      monitoringBatchMaxItems: 50_000,
      monitoringBatchMaxBytes: 64 * 1024 * 1024,
      logLevel: 'info',
      workerConcurrency: 2,
      outboxPollMs: 1000,
      trustProxy: 0,
      storageDir: '.data/files',
      smtpUrl: '',
      mailFrom: 'Hutong <noreply@hutong.local>',
      reminderScanMs: 15_000,
    });
  });

  it('treats empty strings as unset', () => {
    const config = loadConfig({
      ...REQUIRED,
      HOST: '',
      PORT: '',
      NODE_ENV: '',
      LOG_LEVEL: '',
      COOKIE_SECURE: '',
      TRUST_PROXY: '',
    });
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      nodeEnv: 'development',
      logLevel: 'info',
      cookieSecure: false,
      trustProxy: 0,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      ...REQUIRED,
      NODE_ENV: 'production',
      HOST: '0.0.0.0',
      PORT: '8080',
      WEB_DIST: '/srv/web',
      SESSION_TTL_HOURS: '720',
      COOKIE_SECURE: 'false',
      LOGIN_RATE_LIMIT: '5',
      LOGIN_IP_RATE_LIMIT: '100',
      LOGIN_RATE_WINDOW_SECONDS: '300',
      UPLOAD_MAX_BYTES: '1024',
      IMPORT_MAX_ROWS: '1000',
      IMPORT_MAX_INFLATED_BYTES: '2097152',
      LOG_LEVEL: 'debug',
      WORKER_CONCURRENCY: '64',
      OUTBOX_POLL_MS: '250',
      TRUST_PROXY: '1',
      STORAGE_DIR: '/var/lib/hutong/files',
      SMTP_URL: 'smtp://mailer:secret@mail.example.cn:587',
      MAIL_FROM: 'Hutong <hutong@example.cn>',
      REMINDER_SCAN_MS: '5000',
    });
    expect(config).toEqual<AppConfig>({
      nodeEnv: 'production',
      host: '0.0.0.0',
      port: 8080,
      databaseUrl: REQUIRED.DATABASE_URL,
      redisUrl: REQUIRED.REDIS_URL,
      webDist: '/srv/web',
      sessionTtlHours: 720,
      cookieSecure: false,
      loginRateLimit: 5,
      loginIpRateLimit: 100,
      loginRateWindowSeconds: 300,
      uploadMaxBytes: 1024,
      importMaxRows: 1000,
      importMaxInflatedBytes: 2 * 1024 * 1024,
      monitoringBatchMaxItems: 50_000,
      monitoringBatchMaxBytes: 64 * 1024 * 1024,
      logLevel: 'debug',
      workerConcurrency: 64,
      outboxPollMs: 250,
      trustProxy: 1,
      storageDir: '/var/lib/hutong/files',
      smtpUrl: 'smtp://mailer:secret@mail.example.cn:587',
      mailFrom: 'Hutong <hutong@example.cn>',
      reminderScanMs: 5000,
    });
  });

  it('keeps an empty WEB_DIST (serve no web app)', () => {
    expect(loadConfig({ ...REQUIRED, WEB_DIST: '' }).webDist).toBe('');
  });

  it('returns a frozen object', () => {
    const config = loadConfig({ ...REQUIRED });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads process.env when given nothing', () => {
    const saved = { ...process.env };
    try {
      process.env['DATABASE_URL'] = REQUIRED.DATABASE_URL;
      process.env['REDIS_URL'] = REQUIRED.REDIS_URL;
      process.env['PORT'] = '4321';
      expect(loadConfig().port).toBe(4321);
    } finally {
      process.env = saved;
    }
  });

  describe('COOKIE_SECURE', () => {
    it.each<[string, string | undefined, boolean]>([
      ['development', undefined, false],
      ['test', undefined, false],
      ['production', undefined, true],
      ['production', 'false', false],
      ['production', '0', false],
      ['production', 'no', false],
      ['development', 'true', true],
      ['development', '1', true],
      ['development', 'yes', true],
    ])('NODE_ENV=%s COOKIE_SECURE=%s gives %s', (nodeEnv, raw, secure) => {
      expect(loadConfig({ ...REQUIRED, NODE_ENV: nodeEnv, COOKIE_SECURE: raw }).cookieSecure).toBe(secure);
    });

    it.each(['on', 'TRUE', 'y', '2'])('rejects %j', (raw) => {
      expect(problems({ ...REQUIRED, COOKIE_SECURE: raw })).toEqual([
        `COOKIE_SECURE must be true or false (got "${raw}")`,
      ]);
    });
  });

  describe('URLs', () => {
    it.each<[string, string]>([
      ['DATABASE_URL', 'postgres://u:p@db:5432/hutong'],
      ['DATABASE_URL', 'postgresql://db/hutong?sslmode=require'],
      ['REDIS_URL', 'redis://redis:6379'],
      ['REDIS_URL', 'rediss://:secret@redis.example.com:6380/1'],
    ])('accepts %s=%s', (name, value) => {
      expect(() => loadConfig({ ...REQUIRED, [name]: value })).not.toThrow();
    });

    it.each<[string, string, string]>([
      ['DATABASE_URL', 'mysql://db/hutong', 'DATABASE_URL must start with postgres: or postgresql://'],
      ['DATABASE_URL', 'redis://127.0.0.1:6379', 'DATABASE_URL must start with postgres: or postgresql://'],
      ['DATABASE_URL', 'localhost:5432/hutong', 'DATABASE_URL must start with postgres: or postgresql://'],
      ['DATABASE_URL', '127.0.0.1:5432/hutong', 'DATABASE_URL is not a valid URL'],
      ['DATABASE_URL', 'not a url', 'DATABASE_URL is not a valid URL'],
      ['REDIS_URL', 'http://127.0.0.1:6379', 'REDIS_URL must start with redis: or rediss://'],
      ['REDIS_URL', 'postgres://db/hutong', 'REDIS_URL must start with redis: or rediss://'],
      ['REDIS_URL', '//redis:6379', 'REDIS_URL is not a valid URL'],
    ])('rejects %s=%s', (name, value, problem) => {
      expect(problems({ ...REQUIRED, [name]: value })).toEqual([problem]);
    });

    it.each(['DATABASE_URL', 'REDIS_URL'])('requires %s', (name) => {
      expect(problems({ ...REQUIRED, [name]: undefined })).toEqual([`${name} is required`]);
      expect(problems({ ...REQUIRED, [name]: '' })).toEqual([`${name} is required`]);
    });
  });

  describe('numbers', () => {
    it.each<[string, string, number, keyof AppConfig]>([
      ['PORT', '1', 1, 'port'],
      ['PORT', '65535', 65535, 'port'],
      ['SESSION_TTL_HOURS', '1', 1, 'sessionTtlHours'],
      ['SESSION_TTL_HOURS', '720', 720, 'sessionTtlHours'],
      ['LOGIN_RATE_LIMIT', '10000', 10_000, 'loginRateLimit'],
      ['LOGIN_RATE_WINDOW_SECONDS', '86400', 86_400, 'loginRateWindowSeconds'],
      ['UPLOAD_MAX_BYTES', '1073741824', 1024 * 1024 * 1024, 'uploadMaxBytes'],
      ['LOGIN_IP_RATE_LIMIT', '100000', 100_000, 'loginIpRateLimit'],
      ['IMPORT_MAX_ROWS', '1', 1, 'importMaxRows'],
      ['IMPORT_MAX_ROWS', '1000000', 1_000_000, 'importMaxRows'],
      ['IMPORT_MAX_INFLATED_BYTES', '1048576', 1024 * 1024, 'importMaxInflatedBytes'],
      ['IMPORT_MAX_INFLATED_BYTES', '4294967296', 4 * 1024 * 1024 * 1024, 'importMaxInflatedBytes'],
      ['WORKER_CONCURRENCY', '1', 1, 'workerConcurrency'],
      ['TRUST_PROXY', '0', 0, 'trustProxy'],
      ['TRUST_PROXY', '10', 10, 'trustProxy'],
    ])('accepts %s=%s at the edge of its range', (name, raw, value, key) => {
      expect(loadConfig({ ...REQUIRED, [name]: raw })[key]).toBe(value);
    });

    it.each<[string, string, string]>([
      ['PORT', '0', '1 to 65535'],
      ['PORT', '65536', '1 to 65535'],
      ['PORT', 'http', '1 to 65535'],
      ['PORT', '3000.5', '1 to 65535'],
      ['PORT', '-1', '1 to 65535'],
      ['SESSION_TTL_HOURS', '721', '1 to 720'],
      ['SESSION_TTL_HOURS', '0', '1 to 720'],
      ['LOGIN_RATE_LIMIT', '10001', '1 to 10000'],
      ['LOGIN_RATE_WINDOW_SECONDS', '86401', '1 to 86400'],
      ['UPLOAD_MAX_BYTES', '1023', '1024 to 1073741824'],
      ['UPLOAD_MAX_BYTES', '1073741825', '1024 to 1073741824'],
      ['LOGIN_IP_RATE_LIMIT', '0', '1 to 100000'],
      ['IMPORT_MAX_ROWS', '0', '1 to 1000000'],
      ['IMPORT_MAX_ROWS', '1000001', '1 to 1000000'],
      ['IMPORT_MAX_INFLATED_BYTES', '1048575', '1048576 to 4294967296'],
      ['WORKER_CONCURRENCY', '0', '1 to 64'],
      ['WORKER_CONCURRENCY', '65', '1 to 64'],
      ['TRUST_PROXY', '11', '0 to 10'],
      ['TRUST_PROXY', 'true', '0 to 10'],
    ])('rejects %s=%s', (name, raw, range) => {
      expect(problems({ ...REQUIRED, [name]: raw })).toEqual([
        `${name} must be a whole number from ${range} (got "${raw}")`,
      ]);
    });
  });

  describe('enumerations', () => {
    it.each(['development', 'production', 'test'])('accepts NODE_ENV=%s', (v) => {
      expect(loadConfig({ ...REQUIRED, NODE_ENV: v }).nodeEnv).toBe(v);
    });

    it.each(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])('accepts LOG_LEVEL=%s', (v) => {
      expect(loadConfig({ ...REQUIRED, LOG_LEVEL: v }).logLevel).toBe(v);
    });

    it.each<[string, string, string]>([
      ['NODE_ENV', 'prod', 'NODE_ENV must be one of development, production, test (got "prod")'],
      ['NODE_ENV', 'Production', 'NODE_ENV must be one of development, production, test (got "Production")'],
      [
        'LOG_LEVEL',
        'verbose',
        'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "verbose")',
      ],
    ])('rejects %s=%s', (name, raw, problem) => {
      expect(problems({ ...REQUIRED, [name]: raw })).toEqual([problem]);
    });
  });

  it('names every bad variable in one error', () => {
    const env = {
      NODE_ENV: 'staging',
      PORT: 'eighty',
      REDIS_URL: 'http://redis',
      SESSION_TTL_HOURS: '0',
      COOKIE_SECURE: 'maybe',
      LOGIN_RATE_LIMIT: '-5',
      LOGIN_RATE_WINDOW_SECONDS: 'x',
      UPLOAD_MAX_BYTES: '1',
      LOGIN_IP_RATE_LIMIT: 'many',
      IMPORT_MAX_ROWS: '-1',
      IMPORT_MAX_INFLATED_BYTES: '1k',
      LOG_LEVEL: 'loud',
      WORKER_CONCURRENCY: '100',
      TRUST_PROXY: '99',
    };
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const configError = error as ConfigError;
    expect(configError.name).toBe('ConfigError');
    const named = configError.problems.map((p) => p.split(' ')[0]);
    expect(named.sort()).toEqual(
      [
        'NODE_ENV',
        'PORT',
        'DATABASE_URL',
        'REDIS_URL',
        'SESSION_TTL_HOURS',
        'COOKIE_SECURE',
        'LOGIN_RATE_LIMIT',
        'LOGIN_RATE_WINDOW_SECONDS',
        'UPLOAD_MAX_BYTES',
        'LOGIN_IP_RATE_LIMIT',
        'IMPORT_MAX_ROWS',
        'IMPORT_MAX_INFLATED_BYTES',
        'LOG_LEVEL',
        'WORKER_CONCURRENCY',
        'TRUST_PROXY',
      ].sort(),
    );
    for (const problem of configError.problems) expect(configError.message).toContain(problem);
    expect(configError.message).toMatch(/^Invalid configuration:\n {2}- /);
    expect(configError.message).toContain('.env.example');
  });

  it('documents every variable it reads', () => {
    const read = new Set<string>();
    const spy = new Proxy<Record<string, string | undefined>>(
      { ...REQUIRED },
      {
        get(target, key) {
          if (typeof key === 'string') read.add(key);
          return target[key as string];
        },
      },
    );
    loadConfig(spy);
    expect([...read].sort()).toEqual(VARIABLES.map((v) => v.name).sort());
  });
});

describe('loadDatabaseUrl', () => {
  it.each(['postgres://postgres@127.0.0.1:5432/hutong', 'postgresql://u:p@db/hutong?sslmode=require'])(
    'returns %s',
    (url) => {
      expect(loadDatabaseUrl({ DATABASE_URL: url, REDIS_URL: 'not needed' })).toBe(url);
    },
  );

  it('needs nothing but DATABASE_URL', () => {
    expect(loadDatabaseUrl({ DATABASE_URL: REQUIRED.DATABASE_URL, PORT: 'not checked' })).toBe(REQUIRED.DATABASE_URL);
  });

  it.each<[string | undefined, string]>([
    [undefined, 'DATABASE_URL is required'],
    ['', 'DATABASE_URL is required'],
    ['mysql://db/hutong', 'DATABASE_URL must be a postgres:// URL'],
    ['not a url', 'DATABASE_URL must be a postgres:// URL'],
  ])('rejects DATABASE_URL=%j', (url, problem) => {
    expect(() => loadDatabaseUrl({ DATABASE_URL: url })).toThrow(ConfigError);
    try {
      loadDatabaseUrl({ DATABASE_URL: url });
    } catch (e) {
      expect((e as ConfigError).problems).toEqual([problem]);
    }
  });
});
