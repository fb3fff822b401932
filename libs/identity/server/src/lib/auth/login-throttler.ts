import { Injectable, HttpStatus } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { RedisClient } from '@hutong/platform-server';
import { httpError } from '@hutong/platform-server';

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

/** Limits login attempts per address and user name. */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const body = req['body'] as { username?: unknown } | undefined;
    const name = typeof body?.username === 'string' ? body.username.toLowerCase().slice(0, 64) : '';
    return `${String(req['ip'])}|${name}`;
  }

  protected override async throwThrottlingException(): Promise<void> {
    throw httpError(HttpStatus.TOO_MANY_REQUESTS, '登录尝试过多，请稍后再试');
  }
}
