import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { AuthUser, CurrentUser, Roles, ZodValidationPipe } from '@saga/service-kit';
import { GetIssueStatusQuery } from '../../application/get-issue-status/get-issue-status.query';
import { RequestCouponIssueUseCase } from '../../application/request-coupon-issue/request-coupon-issue.use-case';
import { CouponIdParam } from './schemas';

@Controller('coupons/:id')
@Roles('customer')
export class IssuanceController {
  constructor(
    private readonly requestCouponIssue: RequestCouponIssueUseCase<unknown>,
    private readonly getIssueStatus: GetIssueStatusQuery<unknown>,
  ) {}

  /** 201: issued (committed); 409 sold_out | already_requested; 404 unknown coupon; 503 retryable. */
  @Post('issue')
  @HttpCode(201)
  async issue(@Param('id', new ZodValidationPipe(CouponIdParam)) couponId: string, @CurrentUser() user: AuthUser) {
    await this.requestCouponIssue.execute({ couponId, userId: user.id });
    return { couponId, status: 'ISSUED' };
  }

  @Get('issue-status')
  async status(@Param('id', new ZodValidationPipe(CouponIdParam)) couponId: string, @CurrentUser() user: AuthUser) {
    return { couponId, status: await this.getIssueStatus.execute({ couponId, userId: user.id }) };
  }
}
