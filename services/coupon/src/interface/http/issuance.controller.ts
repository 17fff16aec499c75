import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { AuthUser, CurrentUser, Roles, ZodValidationPipe } from '@saga/service-kit';
import { UseCases } from '../../use-cases';
import { mapped } from './domain-errors';
import { CouponIdParam } from './schemas';

@Controller('coupons/:id')
@Roles('customer')
export class IssuanceController {
  constructor(@Inject(UseCases) private readonly useCases: UseCases) {}

  /** 202: admitted and recorded, issued asynchronously; 409 sold_out | already_requested; 503 retryable. */
  @Post('issue')
  @HttpCode(202)
  async issue(@Param('id', new ZodValidationPipe(CouponIdParam)) couponId: string, @CurrentUser() user: AuthUser) {
    await mapped(this.useCases.requestCouponIssue.execute({ couponId, userId: user.id }));
    return { couponId, status: 'PENDING' };
  }

  @Get('issue-status')
  async status(@Param('id', new ZodValidationPipe(CouponIdParam)) couponId: string, @CurrentUser() user: AuthUser) {
    return { couponId, status: await this.useCases.getIssueStatus.execute({ couponId, userId: user.id }) };
  }
}
