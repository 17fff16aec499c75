import { Controller, Get, Inject, Param } from '@nestjs/common';
import { CurrentUser, ZodQuery, type AuthUser } from '@saga/service-kit';
import { GetSagaQuery } from '../../application/get-saga/get-saga.query';
import { ListSagasQuery } from '../../application/list-sagas/list-sagas.query';
import { EXPLORER_SETTINGS, type ExplorerSettings } from '../../explorer-settings';
import { ListSagasRequest } from './explorer-requests';

/** Every route needs a valid token (global JwtAuthGuard); a customer sees only their own orders' sagas. */
@Controller('sagas')
export class SagasController {
  constructor(
    private readonly listSagas: ListSagasQuery,
    private readonly getSaga: GetSagaQuery,
    @Inject(EXPLORER_SETTINGS) private readonly settings: ExplorerSettings,
  ) {}

  @Get()
  list(@ZodQuery(ListSagasRequest) query: ListSagasRequest, @CurrentUser() viewer: AuthUser) {
    const { state, ...rest } = query;
    return this.listSagas.execute({ ...rest, status: state }, viewer);
  }

  @Get(':orderId')
  async get(@Param('orderId') orderId: string, @CurrentUser() viewer: AuthUser) {
    const { status, ...saga } = await this.getSaga.execute(orderId, viewer);
    return {
      ...saga,
      state: status,
      traceUrl: saga.traceId ? `${this.settings.jaegerUiUrl.replace(/\/$/, '')}/trace/${saga.traceId}` : null,
    };
  }
}
