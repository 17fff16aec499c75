import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CurrentUser, Roles, ZodBody, type AuthUser } from '@saga/service-kit';
import { CreateUserUseCase } from '../../application/create-user/create-user.use-case';
import { GetUserQuery } from '../../application/get-user/get-user.query';
import { TopUpBalanceUseCase } from '../../application/top-up-balance/top-up-balance.use-case';
import { CreateUserRequest, TopUpRequest } from './user-requests';

/** Every route needs a valid token (global JwtAuthGuard); a customer reads only their own account. */
@Controller('users')
export class UsersController {
  constructor(
    private readonly createUser: CreateUserUseCase,
    private readonly topUp: TopUpBalanceUseCase,
    private readonly getUser: GetUserQuery,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('admin')
  create(@ZodBody(CreateUserRequest) body: CreateUserRequest) {
    return this.createUser.execute(body);
  }

  @Get(':id')
  get(@Param('id') id: string, @CurrentUser() viewer: AuthUser) {
    return this.getUser.execute(id, viewer);
  }

  @Post(':id/top-up')
  @HttpCode(200)
  @Roles('admin')
  topUpBalance(@Param('id') id: string, @ZodBody(TopUpRequest) body: TopUpRequest) {
    return this.topUp.execute({ userId: id, amount: body.amount });
  }
}
