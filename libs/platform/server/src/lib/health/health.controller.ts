import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import { EntityManager } from '@mikro-orm/postgresql';
import { Public } from '../access/access.decorator';
import { RedisClient } from '../queue/redis';
import { HealthViewDto } from '../common/openapi';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly em: EntityManager,
    private readonly indicator: HealthIndicatorService,
    private readonly redis: RedisClient,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'PostgreSQL and Redis reachability (public, no details beyond up/down)' })
  @ApiOkResponse({ type: HealthViewDto, description: 'both answer' })
  @ApiServiceUnavailableResponse({ type: HealthViewDto, description: 'one of them does not answer' })
  @HealthCheck() // below the answers above: those describe the body
  check(): Promise<HealthCheckResult> {
    return this.health.check([
      () =>
        this.probe('database', () =>
          this.em
            .getConnection()
            .execute('select 1')
            .then(() => 'ok'),
        ),
      () => this.probe('redis', () => this.redis.redis.ping()),
    ]);
  }

  /** up when the probe answers within two seconds */
  private async probe(key: string, ping: () => Promise<string>) {
    const i = this.indicator.check(key);
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        ping(),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), 2000))),
      ]);
      return i.up();
    } catch (e) {
      return i.down({ message: (e as Error).message });
    } finally {
      clearTimeout(timer);
    }
  }
}
