import { Controller, DynamicModule, Get, HttpCode, Inject, Module, ModuleMetadata, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../auth/decorators';
import { ReadinessCheck, runReadinessChecks } from './readiness';

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

@Public()
@Controller('health')
export class HealthController {
  constructor(@Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[]) {}

  @Get('live')
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response) {
    const report = await runReadinessChecks(this.checks);
    res.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}

export interface HealthModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  inject?: any[];
  useFactory: (...deps: any[]) => ReadinessCheck[] | Promise<ReadinessCheck[]>;
}

/** GET /health/live (always 200) and /health/ready (200 when every check passes, else 503 per check). */
@Module({})
export class HealthModule {
  static forRoot(checks: ReadinessCheck[]): DynamicModule {
    return { module: HealthModule, controllers: [HealthController], providers: [{ provide: READINESS_CHECKS, useValue: checks }] };
  }

  /** Checks built from injected services, e.g. `inject: [PrismaService], useFactory: (p) => [prismaReadiness(p)]`. */
  static forRootAsync(options: HealthModuleAsyncOptions): DynamicModule {
    return {
      module: HealthModule,
      imports: options.imports ?? [],
      controllers: [HealthController],
      providers: [{ provide: READINESS_CHECKS, inject: options.inject ?? [], useFactory: options.useFactory }],
    };
  }
}
