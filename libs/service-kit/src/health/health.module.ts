import {
  Controller,
  DynamicModule,
  Get,
  HttpCode,
  Inject,
  Injectable,
  InjectionToken,
  Module,
  ModuleMetadata,
  Res,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Response } from 'express';
import { Public } from '../auth/decorators';
import { ReadinessCheck, runReadinessChecks } from './readiness';

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

/** Yields the checks; built on first use so factories may depend on any provider of the application. */
export interface ReadinessChecksSource {
  checks(): Promise<ReadinessCheck[]>;
}

@Public()
@Controller('health')
export class HealthController {
  constructor(@Inject(READINESS_CHECKS) private readonly source: ReadinessChecksSource) {}

  @Get('live')
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response) {
    const report = await runReadinessChecks(await this.source.checks());
    res.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}

export interface HealthModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  /** Any provider of the application (resolved app-wide, not only from `imports`). */
  inject?: InjectionToken[];
  useFactory: (...deps: any[]) => ReadinessCheck[] | Promise<ReadinessCheck[]>;
}

const ASYNC_OPTIONS = Symbol('HEALTH_ASYNC_OPTIONS');

@Injectable()
class LazyReadinessChecks implements ReadinessChecksSource {
  private built?: Promise<ReadinessCheck[]>;

  constructor(
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
    @Inject(ASYNC_OPTIONS) private readonly options: HealthModuleAsyncOptions,
  ) {}

  checks(): Promise<ReadinessCheck[]> {
    this.built ??= (async () => {
      const deps = (this.options.inject ?? []).map((token) => this.moduleRef.get(token, { strict: false }));
      return this.options.useFactory(...deps);
    })();
    // a failed build (e.g. a dependency not ready) is retried on the next probe
    this.built.catch(() => (this.built = undefined));
    return this.built;
  }
}

/** GET /health/live (always 200) and /health/ready (200 when every check passes, else 503 per check). */
@Module({})
export class HealthModule {
  static forRoot(checks: ReadinessCheck[]): DynamicModule {
    const source: ReadinessChecksSource = { checks: async () => checks };
    return {
      module: HealthModule,
      controllers: [HealthController],
      providers: [{ provide: READINESS_CHECKS, useValue: source }],
    };
  }

  /**
   * Checks built from the application's own providers, e.g. `inject: [PrismaService], useFactory: (p) => [sqlReadiness(p)]`.
   * The tokens are looked up app-wide on the first probe, so they need not be exported to this module.
   */
  static forRootAsync(options: HealthModuleAsyncOptions): DynamicModule {
    return {
      module: HealthModule,
      imports: options.imports ?? [],
      controllers: [HealthController],
      providers: [
        { provide: ASYNC_OPTIONS, useValue: options },
        { provide: READINESS_CHECKS, useClass: LazyReadinessChecks },
      ],
    };
  }
}
