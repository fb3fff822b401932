import { Injectable, type ExecutionContext } from '@nestjs/common';
import {
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { Response } from 'express';
import type { AppConfig } from '@hutong/platform-config';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { RedisClient } from '@hutong/platform-server';
import { coded } from '@hutong/platform-server';

/** Throttler storage in Redis, so every api process shares the counts. */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly client: RedisClient) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number): Promise<ThrottlerStorageRecord> {
    const hitsKey = `hutong:throttle:${key}`;
    const blockKey = `${hitsKey}:blocked`;
    const [[, hits], [, pttl], [, blockTtl]] = (await this.client.redis
      .multi()
      .incr(hitsKey)
      .pttl(hitsKey)
      .pttl(blockKey)
      .exec()) as [[null, number], [null, number], [null, number]];
    if (pttl < 0) await this.client.redis.pexpire(hitsKey, ttl);
    let blocked = blockTtl > 0;
    if (!blocked && hits > limit) {
      await this.client.redis.set(blockKey, '1', 'PX', blockDuration);
      blocked = true;
    }
    const timeToExpire = Math.ceil((pttl < 0 ? ttl : pttl) / 1000);
    return {
      totalHits: hits,
      timeToExpire,
      isBlocked: blocked,
      timeToBlockExpire: blocked ? Math.ceil((blockTtl > 0 ? blockTtl : blockDuration) / 1000) : 0,
    };
  }
}

/** Tracks a login attempt by address and user name (LOGIN_RATE_LIMIT). */
export function loginNameTracker(req: Record<string, unknown>): string {
  const body = req['body'] as { username?: unknown } | undefined;
  const name = typeof body?.username === 'string' ? body.username.toLowerCase().slice(0, 64) : '';
  return `${String(req['ip'])}|${name}`;
}

/** Tracks a login attempt by address alone, whatever the user name (LOGIN_IP_RATE_LIMIT). */
export function loginAddressTracker(req: Record<string, unknown>): string {
  return String(req['ip']);
}

/** The two login limits over one window: per address and user name, and per address. */
export function loginThrottlers(
  config: Pick<AppConfig, 'loginRateLimit' | 'loginIpRateLimit' | 'loginRateWindowSeconds'>,
): ThrottlerOptions[] {
  const window = config.loginRateWindowSeconds * 1000;
  return [
    { name: 'login', ttl: window, limit: config.loginRateLimit, blockDuration: window, getTracker: loginNameTracker },
    {
      name: 'login-ip',
      ttl: window,
      limit: config.loginIpRateLimit,
      blockDuration: window,
      getTracker: loginAddressTracker,
    },
  ];
}

/** Limits login attempts (loginThrottlers); a 429 says in Retry-After when to try again. */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    return loginNameTracker(req);
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const res = context.switchToHttp().getResponse<Response>();
    res.setHeader('Retry-After', String(Math.max(1, detail.timeToBlockExpire)));
    throw coded('auth.too_many_attempts');
  }
}
